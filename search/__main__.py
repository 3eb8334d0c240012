"""`python -m search` runs the command line, like the `thidua` script."""
from search.cli import cli

cli()
