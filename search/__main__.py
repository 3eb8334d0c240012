"""`python -m search` runs the command line, like the `thidua` script."""
from search.cli.main import cli

cli()
