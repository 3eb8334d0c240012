"""`thidua crawl`: fetch news sites politely into the archive, resumably, keeping WARC files."""
import re
import sys
from collections import Counter
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path

import click
from click.core import ParameterSource

from ingest.scrape import frontier
from ingest.clean.decode import MAX_BYTES
from ingest.scrape import settings as crawl_settings
from ingest.scrape.settings import DEFAULT_USER_AGENT, Settings
from search.cli.archiving import Archive
from search.cli.options import data_dir_option

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
# options that, on --resume, keep the crawl's stored value unless given again
_STORED = {"delay": "delay", "timeout": "timeout", "max_size": "max_bytes", "user_agent": "user_agent",
           "since": "since", "site_profile": "profile"}


def _since(ctx, param, value):
    if value is None:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    raise click.BadParameter(f"{value!r} is not a date (write 2024-05-31 or 31/05/2024)")


def _profile(ctx, param, value):
    if value is None:
        return None
    try:
        from ingest.scrape.links import load_profile  # imported late: lxml

        return load_profile(Path(value).read_text(encoding="utf-8"), where=value)
    except (OSError, UnicodeDecodeError) as exc:
        raise click.BadParameter(f"cannot read {value}: {getattr(exc, 'strerror', None) or exc}") from None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _settings(ctx, stored, options):
    """Settings from the command line; on --resume, options not given keep the stored ones."""
    chosen = dict(stored or asdict(Settings()))
    for option, name in _STORED.items():
        if stored is None or ctx.get_parameter_source(option) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
            chosen[name] = options[option]
    return Settings(**{f.name: chosen[f.name] for f in fields(Settings)})


@click.command()
@click.argument("seeds", nargs=-1)
@data_dir_option
@click.option("--max-pages", type=click.IntRange(1), default=None,
              help="Stop after requesting this many pages (default 10,000, against endless listings); "
                   "the rest stays queued for --resume.")
@click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
              help="Seconds between two requests to the same host (robots.txt may ask for more).")
@click.option("--since", callback=_since, metavar="DATE",
              help="Skip sitemap and feed entries dated before DATE (2024-05-31 or 31/05/2024).")
@click.option("--site-profile", type=click.Path(dir_okay=False), callback=_profile,
              help="JSON file of per-site rules: {\"host\": {\"article\": [regex], \"pagination\": [regex], "
                   "\"pagination_text\": [text], \"skip\": [regex]}}.")
@click.option("--user-agent", default=DEFAULT_USER_AGENT, show_default=True,
              help="User-Agent sent, and matched against robots.txt.")
@click.option("--timeout", type=click.FloatRange(0.1), default=20.0, show_default=True,
              help="Seconds before a request is given up (then tried again, up to 3 times).")
@click.option("--max-size", type=click.FloatRange(0.01, MAX_BYTES / 1024 / 1024), default=10.0, show_default=True,
              help="Largest page in MB; reading stops past it and the page is reported too large.")
@click.option("--resume", is_flag=True, help="Continue the last crawl that did not finish.")
@click.pass_context
def crawl(ctx, seeds, data_dir, max_pages, resume, **options):
    """Fetch articles from news sites into the archive, politely, keeping WARC files.

    SEEDS are article URLs, listing pages (their article links and next pages are
    followed, on the same site), sitemap.xml files (and sitemap indexes) or RSS/Atom
    feeds. The crawl stays on the seeds' sites: links and redirects to another site
    are not followed (a redirect off the sites is reported as skipped). The same
    site means the same host name, a leading www. aside, on any scheme or port, so
    http->https and qdnd.vn->www.qdnd.vn redirects are followed, cdn.qdnd.vn is not. robots.txt is obeyed, each host is asked one page at a time with --delay
    between requests, and failures are tried again with backoff. Every request and
    response goes to DATA_DIR/warc/*.warc.gz; articles are stored as they arrive.

    The crawl is saved after every page (DATA_DIR/crawl.sqlite): after Ctrl-C, a
    kill or --max-pages, `thidua crawl --resume` carries on without fetching a page
    twice. Crawling the same seeds again later asks only for pages that changed.
    The exit status is 1 if a seed could not be fetched at all.

    \b
    Examples:
        thidua crawl https://www.qdnd.vn/quoc-phong-an-ninh
        thidua crawl https://example.vn/sitemap.xml --since 2024-01-01 --max-pages 500
        thidua crawl https://example.vn/rss/thi-dua.rss --delay 2
        thidua crawl --site-profile sites.json https://www.qdnd.vn/quoc-phong-an-ninh
        thidua crawl --resume
        thidua ingest thidua-data/warc/      # the pages again, offline
    """
    from ingest.scrape.crawl import Crawler, start  # imported late: lxml and warcio

    options["max_size"] = int(options["max_size"] * 1024 * 1024)
    db = frontier.connect(data_dir)
    if resume:
        if seeds:
            raise click.ClickException("give either SEEDS (a new crawl) or --resume (the last one), not both")
        pending = frontier.unfinished_run(db)
        if pending is None:
            raise click.ClickException(f"no unfinished crawl to resume in {data_dir}")
        run, stored = pending
        settings = _settings(ctx, stored, options)
    else:
        if not seeds:
            raise click.ClickException("give at least one SEED URL (or --resume)")
        settings = _settings(ctx, None, options)
        abandoned = frontier.unfinished_run(db)
        if abandoned:
            click.echo(f"note: crawl {abandoned[0]} did not finish; this new crawl does not continue it "
                       "(that is what --resume is for)", err=True)
        try:
            run = start(db, list(seeds), settings)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    limit = max_pages or crawl_settings.DEFAULT_MAX_PAGES  # read here so tests can lower it
    archive = Archive(data_dir)
    crawler = Crawler(data_dir, db, run, settings, keep=archive.keep_page)
    try:
        with click.progressbar(crawler.crawl(limit), label="Crawling", file=sys.stderr, show_pos=True,
                               item_show_func=lambda o: o.url[-60:] if o else None) as bar:
            for outcome in bar:
                if outcome.state == "failed":
                    click.echo(f"\nerror: {outcome.url}: {outcome.reason}", err=True)
    except KeyboardInterrupt:
        archive.flush()
        archive.close()
        click.echo("\ninterrupted: continue with `thidua crawl --resume`", err=True)
        _report(db, run, crawler)
        sys.exit(130)
    archive.flush()
    archive.close()
    if max_pages is None and frontier.next_queued(db, run) is not None:
        click.echo(f"note: stopped at the default limit of {limit:,} pages (give --max-pages to change it)", err=True)
    if _report(db, run, crawler):
        sys.exit(1)


def _counts(mapping):
    """"3 timed out, 1 HTTP 404 Not Found": reasons grouped without their details (URLs,
    dates), which the one-line errors during the crawl have already shown."""
    grouped = Counter()
    for reason, n in mapping.items():
        grouped[re.split(r" \(|: |, ", reason)[0] or "other"] += n
    return ", ".join(f"{n} {reason}" for reason, n in grouped.most_common())


def _report(db, run, crawler):
    """Print the crawl's summary; returns whether a seed failed entirely."""
    s = frontier.summary(db, run)
    counts = s["counts"]
    fetched, skipped, failed = (sum(counts[k].values()) for k in ("fetched", "skipped", "failed"))
    skipped += s["duplicates"]
    skips = dict(counts["skipped"])
    if s["duplicates"]:
        skips["duplicate"] = skips.get("duplicate", 0) + s["duplicates"]
    lines = [f"crawl {run}: {fetched} fetched, {skipped} skipped, {failed} failed"]
    if skips:
        lines.append(f"  skipped: {_counts(skips)}")
    if failed:
        lines.append(f"  failed: {_counts(counts['failed'])}")
    unused = {reason: n for reason, n in counts["fetched"].items() if reason.startswith("not ingested")}
    if unused:
        lines.append(f"  fetched but {_counts(unused)}")
    ing = s["ingested"]
    copies = f" ({ing['copy']} a near copy of an archived article)" if ing.get("copy") else ""
    lines.append(f"  articles ingested: {ing.get('new', 0) + ing.get('copy', 0)} new{copies}, "
                 f"{ing.get('updated', 0)} updated, {ing.get('unchanged', 0)} unchanged, "
                 f"{ing.get('duplicate', 0)} duplicate")
    queued = sum(counts["queued"].values())
    if queued:
        lines.append(f"  {queued} still queued: continue with `thidua crawl --resume`")
    if crawler.warc.path:
        lines.append(f"  WARC: {crawler.warc.path}")
    click.echo("\n".join(lines))
    for seed in s["seeds_failed"]:
        click.echo(f"error: seed {seed['url']}: {seed['reason']}", err=True)
    return bool(s["seeds_failed"])
