"""Output shared by the commands: a table for people, CSV and JSON for tools, and the
one-line error for each input that cannot be read, or warning for one kept in part.

CSV is written as UTF-8 with a byte order mark: Excel and LibreOffice, opening the
file on a double click, then read its Vietnamese letters right (without the mark,
Excel takes the bytes for the Windows code page). Python's csv module reads it with
encoding="utf-8-sig"."""
import csv
import json
import os
import shutil
import sys

import click

BOM = "\ufeff"
TABLE_PAGE = 20  # rows a table shows unless --limit says otherwise


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def emit(rows, columns, fmt, out=None):
    """Print rows (dicts) with the given columns in the chosen format."""
    out = out or sys.stdout
    rows = list(rows)
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        out.write(BOM)
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    else:
        out.write(table(rows, columns))


def page(rows, fmt, limit=None, offset=0, size=TABLE_PAGE):
    """(the rows to print, how many come after them): a table shows `size` rows unless
    --limit says otherwise; csv, json and jsonl hold every row unless --limit is given."""
    rows = list(rows)
    if limit is None and fmt == "table":
        limit = size
    shown = rows[offset:offset + limit] if limit is not None else rows[offset:]
    return shown, max(0, len(rows) - offset - len(shown))


def more_note(shown, more, offset, what="rows"):
    """The line under a table that stops before the end: how many more, and how to see them."""
    if not more:
        return None
    return (f"{more} more {what} after these {shown}: --offset {offset + shown} shows the next, "
            f"--format csv (or json) writes them all.")


def source_label(row):
    """A short name for where a row's article came from, for tables: the site of its
    address, else its file's name (CSV and JSON carry the whole source and url)."""
    from ingest.identity import site

    return site(row.get("url")) or os.path.basename(row.get("source") or "") or row.get("source")


def table(rows, columns, width=None, wide=("title",), keep=()):
    """A plain-text table that fits the terminal: long cells are cut with an ellipsis,
    the `wide` columns (what a reader scans for) last and to twice the width, the `keep`
    columns never (a period or value cut short would be misread)."""
    width = width or shutil.get_terminal_size((120, 20)).columns
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    budget = max(width - 2 * (len(columns) - 1), 20)
    weight = [2 if c in wide else 1 for c in columns]
    cuttable = [i for i, c in enumerate(columns) if c not in keep]
    while sum(widths) > budget and cuttable:
        i = max(cuttable, key=lambda k: widths[k] / weight[k])
        if widths[i] <= 12 * weight[i]:
            break
        widths[i] -= 1
    def line(values):
        return "  ".join((v if len(v) <= w else v[: w - 1] + "…").ljust(w) for v, w in zip(values, widths)).rstrip()
    lines = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(lines) + "\n"


def report_notes(source, notes, before=""):
    """One `warning: SOURCE: note` line on stderr per thing done to keep an input
    (bytes replaced, a huge page read in part): it was stored, but not as given."""
    for note in notes:
        click.echo(f"{before}warning: {source}: {note}", err=True)


def report_problems(problems):
    """One `error: PATH: reason` line on stderr per input that was not read."""
    for path, reason in problems:
        click.echo(f"error: {path}: {reason}", err=True)
