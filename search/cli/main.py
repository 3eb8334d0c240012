"""The `thidua` command line."""
import functools

import click

from search.cli.cmd_crawl import crawl
from search.cli.cmd_extract import extract
from search.cli.cmd_ingest import ingest
from search.cli.cmd_reindex import reindex
from search.cli.cmd_search import search
from search.cli.cmd_show import show
from search.cli.cmd_stats import stats
from search.cli.cmd_timeline import timeline
from search.cli.options import data_dir_option

HELP = """thidua: a searchable archive of Vietnamese news on emulation ("thi đua").

\b
A first session:
    thidua ingest corpus/sample              store articles (pages, text dumps, WARC)
    thidua search "hoi nghi tong ket"        find them, diacritics optional
    thidua timeline --unit Z129              a unit's events, oldest first
    thidua stats --metric "doanh thu"        the figures the articles report
    thidua show ID                           one article and what was extracted

Every command takes --data-dir (else $THIDUA_DATA, else ./thidua-data), and
every listing --format table|csv|json|jsonl. `thidua COMMAND --help` has examples.
"""


@click.group(help=HELP, context_settings={"max_content_width": 120})
@click.version_option(package_name="thidua")
@functools.partial(data_dir_option, expose=False)
def cli():
    pass


for _command in (ingest, extract, crawl, search, timeline, stats, show, reindex):
    cli.add_command(_command)
