"""The `thidua` command line."""
import functools
import importlib
from collections.abc import Mapping

import click

from ingest import store

from search.cli.failures import check_text_arguments, one_line
from search.cli.options import data_dir_option

HELP = """thidua: a searchable archive of Vietnamese news on emulation ("thi đua").

\b
A first session:
    thidua ingest corpus/sample              store articles (pages, text dumps, WARC)
    thidua search "hoi nghi tong ket"        find them, diacritics optional
    thidua timeline --unit Z129              a unit's events, oldest first
    thidua stats --metric "doanh thu"        the figures the articles report
    thidua show ID                           one article and what was extracted
    thidua hide ID / thidua remove ID        take an article out of view, or out
    thidua units / thidua people             one entry per unit and person; merge, rename…
    thidua check --repair                    verify the data folder, fix the index
    thidua serve                             all of it in a web page (127.0.0.1:8000)

Every command takes --data-dir (else $THIDUA_DATA, else ./thidua-data), and
every listing --format table|csv|json|jsonl. `thidua COMMAND --help` has examples.
"""


# Each command and the module of search/cli that holds it, imported when the command is
# run: a search need not import the crawler, the web server or the ingest pipeline.
COMMANDS = {"ingest": "cmd_ingest", "extract": "cmd_extract", "load": "cmd_load", "crawl": "cmd_crawl",
            "search": "cmd_search", "timeline": "cmd_timeline", "stats": "cmd_stats", "show": "cmd_show",
            "hide": "cmd_hide", "unhide": "cmd_hide", "remove": "cmd_remove", "log": "cmd_log",
            "check": "cmd_check", "reindex": "cmd_reindex", "serve": "cmd_serve", "units": "cmd_units",
            "people": "cmd_people"}


class Commands(Mapping):
    """The group's commands by name, each imported when first looked up."""

    def __init__(self):
        self._loaded = {}

    def __getitem__(self, name):
        if name not in self._loaded:
            self._loaded[name] = getattr(importlib.import_module(f"search.cli.{COMMANDS[name]}"), name)
        return self._loaded[name]

    def __contains__(self, name):
        return name in COMMANDS

    def __iter__(self):
        return iter(COMMANDS)

    def __len__(self):
        return len(COMMANDS)


class Thidua(click.Group):
    """The command group: every command's data-folder failures become one line."""

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        check_text_arguments(name, rest)
        return name, command, rest

    def invoke(self, ctx):
        with one_line(ctx.meta.get("thidua.data_dir") or store.data_dir()):
            return super().invoke(ctx)


@click.group(cls=Thidua, help=HELP, context_settings={"max_content_width": 120})
@click.version_option(package_name="thidua")
@functools.partial(data_dir_option, expose=False)
def cli():
    pass


cli.commands = Commands()
