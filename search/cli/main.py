"""The `thidua` command line."""
import functools

import click

from ingest import store

from search.cli.cmd_check import check
from search.cli.cmd_crawl import crawl
from search.cli.cmd_extract import extract
from search.cli.cmd_hide import hide, unhide
from search.cli.cmd_ingest import ingest
from search.cli.cmd_log import log
from search.cli.cmd_load import load
from search.cli.cmd_people import people
from search.cli.cmd_reindex import reindex
from search.cli.cmd_remove import remove
from search.cli.cmd_search import search
from search.cli.cmd_serve import serve
from search.cli.cmd_show import show
from search.cli.cmd_stats import stats
from search.cli.cmd_timeline import timeline
from search.cli.cmd_units import units
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


for _command in (ingest, extract, load, crawl, search, timeline, stats, show, hide, unhide, remove, log, check,
                 reindex, serve, units, people):
    cli.add_command(_command)
