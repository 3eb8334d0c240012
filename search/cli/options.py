"""The options every command shares: the data folder, processes, output formats, filters."""
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


def jobs_option(func):
    return click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Processes to use; each loads the language models once.")(func)


def batch_size_option(func):
    return click.option("--batch-size", type=click.IntRange(1, 10000), default=50, show_default=True,
                        help="Articles stored per transaction.")(func)


def output_options(func):
    """Adds --format table|csv|json|jsonl and its shortcut --json to a listing command."""
    @click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table",
                  show_default=True, help="How to print the rows.")
    @click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
    @wraps(func)
    def wrapper(*args, fmt, as_json, **kwargs):
        return func(*args, fmt="json" if as_json else fmt, **kwargs)
    return wrapper


def site_option(func):
    return click.option("--site", metavar="DOMAIN",
                        help="Only articles from this site, as one of their sources (e.g. qdnd.vn).")(func)


def hidden_option(func):
    return click.option("--include-hidden", is_flag=True,
                        help="Include articles hidden with `thidua hide`.")(func)


def filter_options(func):
    """--unit, --person, --from, --to, --site, --include-hidden: shared by search and timeline."""
    for option in reversed([
        click.option("--unit", help="Only articles naming this unit (name or code, e.g. Z175)."),
        click.option("--person", help="Only articles naming this person."),
        click.option("--from", "start", metavar="DATE", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        click.option("--to", "end", metavar="DATE", help="Up to this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
        site_option,
        hidden_option,
    ]):
        func = option(func)
    return func
