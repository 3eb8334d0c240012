"""Reading the rule and word files of ingest/data: comments and blank lines skipped."""
from pathlib import Path

DATA = Path(__file__).parent / "data"


def data_lines(name):
    """The meaningful lines of a data file, stripped of the line end only (tabs are fields)."""
    with open(DATA / name, encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh if line.strip() and not line.startswith("#")]
