"""Record shards: a partition's records as gzip JSON lines, made where it was extracted.

A shard is what `thidua extract --jsonl` prints for the partition's inputs, one
record per line, gzip-compressed by the worker that extracted it (a worker sends about
a fifth of the bytes back, and the machine writing the shards only writes them).
Shards are written whole or not at all (a temporary name, then a rename), so a
killed run leaves only complete shards behind. `thidua load` reads them back, any
line of them checked before it reaches the archive: a shard may have been edited,
cut short or made by another program.

The extractor's version goes with every shard: the package's, underthesea's, and a
fingerprint of the rules (the code and word lists that turn a page into a record),
which change more often than the version number does. A worker of a real cluster
runs its own installation, and a shard made by other rules is refused.
"""
import gzip
import json
import os
from pathlib import Path

from ingest import pipeline
from ingest.inputs import INGEST, extractor_version, rule_files  # noqa: F401 (the shards' own names)

SUFFIXES = (".jsonl", ".jsonl.gz")


def described(version):
    """An extractor version as a phrase: "thidua 0.1.0, underthesea 9.5.0, rules …"."""
    return ", ".join(f"{k} {v}" for k, v in (version or {}).items())


def record_line(record):
    """One record as `thidua extract --jsonl` prints it."""
    return json.dumps(record, ensure_ascii=False)


def extract_shard(inputs):
    """The worker's whole task for one partition: map_partition, then the shard's bytes
    and what the manifest says of it. A failed input is a failure, its partition still
    gets a shard (empty if every input failed)."""
    lines, failures, warnings = [], [], []
    for source, records, error, notes in pipeline.map_partition(inputs):
        warnings.extend((source, note) for note in notes)
        if error:
            failures.append((source, error))
        lines.extend(record_line(record) + "\n" for record in records)
    return {"data": gzip.compress("".join(lines).encode("utf-8"), compresslevel=6, mtime=0),
            "articles": len(lines), "failures": failures, "warnings": warnings, "extractor": extractor_version()}


def write_atomic(path, data):
    """data at path, whole or not at all, on disk before the manifest says so."""
    path = Path(path)
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)


def is_shard(path):
    return Path(path).name.lower().endswith(SUFFIXES)


def read_shard(path):
    """(line number, record, problem) for each non-empty line of a shard (.jsonl or
    .jsonl.gz), problem a reason when the line is not a record (then record is None).
    A shard that cannot be opened or is cut short raises OSError or EOFError after the
    lines read so far."""
    opener = gzip.open if str(path).lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        for number, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                yield number, None, "not UTF-8 text"
                continue
            except ValueError as exc:
                yield number, None, f"not JSON ({exc.msg})"
                continue
            problem = check_record(record)
            yield number, (None if problem else record), problem


TEXT = (str, type(None))
NUMBER = (int, float, type(None))
# What the archive and the index read from a record, and as what: a type tuple, an
# object of optional keys (a dict), or a list of one kind (a one-element list).
RECORD = {
    "title": TEXT, "published": TEXT, "author": TEXT, "url": TEXT, "source_key": TEXT,
    "event": {"type": TEXT, "types": [TEXT], "date": TEXT, "location": TEXT},
    "units": [{"name": (str,), "code": TEXT, "mentions": [TEXT], "kind": TEXT, "members": [TEXT]}],
    "people": [{"name": (str,), "rank": TEXT, "positions": [TEXT]}],
    "dates": [{"text": TEXT, "start": TEXT, "end": TEXT, "granularity": TEXT, "role": TEXT}],
    "figures": [{"text": TEXT, "value": NUMBER, "unit": TEXT, "metric": TEXT, "qualifier": TEXT, "kind": TEXT,
                 "quote": TEXT, "organisation": TEXT, "period": {"start": TEXT, "end": TEXT}}],
}


def check_record(record):
    """Why a decoded line cannot be stored as a record, or None: the fields the archive
    and the index read must have the types they are read as (see RECORD)."""
    if not isinstance(record, dict):
        return "not a record (a JSON object was expected)"
    for field in ("source", "text"):
        if not isinstance(record.get(field), str) or not record[field]:
            return f"no {field}"
    return _check(record, RECORD, "")


def _check(value, spec, where):
    if isinstance(spec, tuple):
        if isinstance(value, spec) and not isinstance(value, bool):
            return None
        return f"{where} is not {'a number' if float in spec else 'text'}"
    if isinstance(spec, list):
        if value is None:
            return None
        if not isinstance(value, list):
            return f"{where} is not a list"
        return next(filter(None, (_check(v, spec[0], f"{where}[{i}]") for i, v in enumerate(value))), None)
    if value is None and where:
        return None
    if not isinstance(value, dict):
        return f"{where} is not an object"
    for key, inner in spec.items():
        path = f"{where}.{key}" if where else key
        if key not in value:
            if isinstance(inner, tuple) and type(None) not in inner:
                return f"{path} is missing"
            continue
        problem = _check(value[key], inner, path)
        if problem:
            return problem
    return None
