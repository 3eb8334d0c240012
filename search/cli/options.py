"""The options every command shares: the data folder, processes, output formats, filters."""
import os
from functools import wraps

import click

from ingest import store


def _remember_data_dir(ctx, param, value):
    """--data-dir may stand before or after the command name; the command's wins."""
    root = ctx.find_root()
    root.meta.setdefault("thidua.data_dir", None)
    if value is not None:
        root.meta["thidua.data_dir"] = value
    return str(store.data_dir(root.meta["thidua.data_dir"]))


def data_dir_option(func, expose=True):
    """--data-dir for a command; the group takes it too (expose=False), for the commands."""
    return click.option("--data-dir", type=click.Path(file_okay=False), default=None, is_eager=True,
                        callback=_remember_data_dir, expose_value=expose,
                        help="Folder holding the records database and the index "
                             "(else $THIDUA_DATA, else ./thidua-data).")(func)


def cores():
    """The cores this process may run on (its affinity, where the system says; else every
    core), at most 64, what --jobs takes."""
    try:
        found = len(os.sched_getaffinity(0))
    except AttributeError:
        found = os.cpu_count() or 1
    return max(1, min(found, 64))


def jobs_option(func=None, *, help="Processes that work at once: this one and JOBS - 1 more.", default=1):
    """--jobs N; a command whose processes share the work in its own way says how (help),
    one that chooses for itself when not told has default None (and says so in help)."""
    if func is None:
        return lambda f: jobs_option(f, help=help, default=default)
    return click.option("--jobs", "-j", type=click.IntRange(1, 64), default=default, show_default=default is not None,
                        help=help)(func)


def batch_size_option(func):
    return click.option("--batch-size", type=click.IntRange(1, 10000), default=50, show_default=True,
                        help="Articles stored per transaction.")(func)


def format_options(choices, default, shortcut):
    """--format CHOICE and its shortcut flag (--json, --jsonl); both given and saying
    different things is a mistake, not a silent choice."""
    def decorate(func):
        @click.option("--format", "fmt", type=click.Choice(choices), default=None,
                      help=f"How to print the result (default: {default}).")
        @click.option(f"--{shortcut}", "flag", is_flag=True, help=f"Same as --format {shortcut}.")
        @wraps(func)
        def wrapper(*args, fmt, flag, **kwargs):
            if flag and fmt not in (None, shortcut):
                raise click.ClickException(f"--{shortcut} and --format {fmt} ask for two formats: give one")
            return func(*args, fmt=shortcut if flag else fmt or default, **kwargs)
        return wrapper
    return decorate


# table, csv, json or jsonl for the listing commands (search, timeline, stats).
output_options = format_options(("table", "csv", "json", "jsonl"), "table", "json")


def page_options(func):
    """--limit and --offset: how many rows, from which. Exports (csv, json, jsonl) hold
    every row unless --limit is given; a table shows a page and says how many more."""
    func = click.option("--offset", type=click.IntRange(0), default=0, show_default=True,
                        help="Rows to skip first (the next page of a table: --offset 20).")(func)
    return click.option("--limit", type=click.IntRange(1), default=None,
                        help="Rows to show (default: a page in a table, every row in csv, json, jsonl).")(func)


def site_option(func):
    return click.option("--site", metavar="DOMAIN",
                        help="Only articles from this site, as one of their sources (e.g. qdnd.vn).")(func)


def hidden_option(func):
    return click.option("--include-hidden", is_flag=True,
                        help="Include articles hidden with `thidua hide`.")(func)


def filter_options(func=None, *, unit_help="Only articles naming this unit (name or code, e.g. Z175)."):
    """--unit, --person, --from, --to, --type, --site, --include-hidden: shared by search,
    timeline and stats (whose --unit is the figure's organisation: unit_help says so)."""
    from ingest.extract.event import TYPES  # the event types the extractor knows

    if func is None:
        return lambda f: filter_options(f, unit_help=unit_help)
    for option in reversed([
        click.option("--unit", help=unit_help),
        click.option("--person", help="Only articles naming this person."),
        click.option("--from", "start", metavar="DATE",
                     help="From this date (YYYY, YYYY-MM or YYYY-MM-DD): articles filed on or after it, or "
                          "reporting on a period that reaches it."),
        click.option("--to", "end", metavar="DATE",
                     help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD): articles filed on or before it, or "
                          "reporting on a period that began by then."),
        click.option("--type", "event_type", type=click.Choice(TYPES),
                     help="Only articles reporting this kind of event (an article may report several)."),
        site_option,
        hidden_option,
    ]):
        func = option(func)
    return func
