"""`thidua load`: store record shards (from `thidua extract --output`) in the archive."""
import os
import sys
import zlib
from pathlib import Path

import click

from ingest import store
from search.cli.archiving import Archive
from search.cli.options import batch_size_option, data_dir_option
from search.cli.output import report_problems


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@data_dir_option
@batch_size_option
def load(paths, data_dir, batch_size):
    """Store record shards in the data folder and its index, as `ingest` stores pages.

    PATHS are folders written by `thidua extract --output` (their shards are read
    in order, as their manifest.jsonl lists them) or JSON-lines files of records
    (.jsonl, .jsonl.gz, as `thidua extract --jsonl` prints them). The records are
    stored by the same rules as `thidua ingest`: the same content again changes
    nothing, a changed page updates its article, the same content from another
    source is a duplicate, a near copy is grouped with its original. A line that is
    not a record is reported on one line (`error: FILE:LINE: reason`) and the rest
    goes on; the exit status is 1 if any line, shard or partition was missing or bad.

    \b
    Examples:
        thidua extract --output shards/ --cluster local:2 ~/saved-pages/
        thidua load shards/
        thidua --data-dir archive load records.jsonl more.jsonl.gz
    """
    files, problems, length = shard_files(paths)
    report_problems(problems)
    archive, failed = load_shards(files, data_dir, batch_size, length)
    failed += len(problems)
    click.echo(f"{archive.summary(failed)} — records in {store.data_dir(data_dir) / store.DB_NAME}")
    if failed:
        sys.exit(1)


def shard_files(paths):
    """(shard files in order, problems [(path, reason)], number of records or None)."""
    from ingest.pipeline import shown  # imported late, as the pipeline loads lxml
    from ingest.scale import manifest, shards
    files, problems, length = [], [], 0
    for raw in paths:
        path, name = Path(os.fsdecode(raw)), shown(raw)
        if path.is_dir():
            made = manifest.done_shards(path)
            if made is None:
                found = sorted(p for p in path.iterdir() if p.is_file() and shards.is_shard(p))
                if not found:
                    problems.append((name, "no record shards here (.jsonl, .jsonl.gz) and no manifest.jsonl"))
                files += found
                length = None
                continue
            done, partitions, extractor = made
            files += [p for p, _ in done]
            length = None if length is None else length + sum(n for _, n in done)
            if len(done) < partitions:
                problems.append((name, f"{partitions - len(done)} of {partitions} shards are not made yet: "
                                       "run the same `thidua extract --output` again, then load again"))
            if extractor != shards.extractor_version():
                click.echo(f"warning: {name}: extracted by another version of thidua ({shards.described(extractor)}); "
                           "extract again for what this one finds", err=True)
        elif path.is_file() and shards.is_shard(path):
            files.append(path)
            length = None
        elif path.exists():
            problems.append((name, "not a record shard (expected a folder, .jsonl or .jsonl.gz)"))
        else:
            problems.append((name, "no such file or folder"))
    return files, problems, length


def load_shards(files, data_dir, batch_size, length=None):
    """Store every record line of files through the archive; returns (archive, failed)."""
    archive, failed = Archive(data_dir, batch_size), 0
    with click.progressbar(_lines(files), length=length, label="Loading", file=sys.stderr,
                           show_pos=True) as bar:
        for where, record, problem in bar:
            if problem:
                failed += 1
                click.echo(f"\nerror: {where}: {problem}", err=True)
                continue
            archive.add([record])
    archive.flush()
    return archive, failed


def _lines(files):
    """(FILE:LINE, record, problem) for each line of each shard; a shard that cannot
    be read, or is cut short, is one more problem, its lines before the damage kept."""
    from ingest.pipeline import shown
    from ingest.scale import shards
    for file in files:
        name = shown(file)
        try:
            for number, record, problem in shards.read_shard(file):
                yield f"{name}:{number}", record, problem
        except (OSError, EOFError, zlib.error) as exc:
            reason = "cut short" if isinstance(exc, EOFError) else (getattr(exc, "strerror", None) or str(exc))
            yield name, None, f"cannot be read to its end ({reason})"
