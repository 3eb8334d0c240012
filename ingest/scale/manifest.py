"""The manifest of an extraction folder: what `thidua extract --output DIR` made, and
what is left to make.

DIR/manifest.jsonl holds one JSON object a line, so that a run appends as it goes
and a killed run leaves at most one line cut short:

    {"manifest": 1, "extractor": {...}, "inputs": N, "inputs_sha1": "...",
     "partition_size": K, "partitions": P}                        the first line
    {"failure": SOURCE, "reason": "...", "partition": I}         an input that gave no
                                                                 record (I is null for one
                                                                 that could not be listed)
    {"warning": SOURCE, "note": "...", "partition": I}           kept with a change
    {"shard": "part-00003.jsonl.gz", "partition": 3, "inputs": [...],
     "articles": 12, "failures": 1, "extractor": {...}}          written after its shard

A partition is done when its shard line is there and its shard file too. A run
started again on the same folder keeps the done partitions (and their failure and
warning lines), drops every other line, and redoes only the rest; it must be given
the same inputs and the same extractor, or the folder would mix two extractions.
One run at a time writes to a folder (a lock file, DIR/.lock).
Partitions are consecutive runs of the sorted input list, so the same inputs always
cut into the same partitions.
"""
import fcntl
import hashlib
import json
import os
from pathlib import Path

from ingest.pipeline import shown
from ingest.scale.shards import write_atomic

NAME = "manifest.jsonl"
LOCK = ".lock"
VERSION = 1


class ManifestError(ValueError):
    """The folder cannot take this run (other inputs, another extractor, not ours)."""


def shard_name(index):
    return f"part-{index:05d}.jsonl.gz"


def partitions(files, size):
    """The inputs cut into partitions of `size` files (paths as text, for any engine)."""
    names = [os.fsdecode(f) for f in files]
    return [tuple(names[i:i + size]) for i in range(0, len(names), size)]


def _inputs_sha1(files):
    digest = hashlib.sha1()
    for f in files:
        digest.update(shown(f).encode("utf-8") + b"\n")
    return digest.hexdigest()


def read(folder):
    """The manifest's lines (a line cut short by a kill is left out); [] without one."""
    try:
        raw = (Path(folder) / NAME).read_bytes()
    except FileNotFoundError:
        return []
    lines = []
    for line in raw.splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            lines.append(entry)
    return lines


def done_shards(folder):
    """(done shards as [(path, articles)] in partition order, number of partitions,
    extractor) of an extraction folder; None if it has no manifest."""
    lines = read(folder)
    if not lines or "manifest" not in lines[0]:
        return None
    done = {e["partition"]: e for e in lines[1:] if "shard" in e}
    present = [(Path(folder) / done[i]["shard"], done[i]["articles"]) for i in sorted(done)
               if (Path(folder) / done[i]["shard"]).is_file()]
    return present, lines[0]["partitions"], lines[0]["extractor"]


class Run:
    """One run of `extract --output` on a folder: its partitions, the ones done before,
    and the lines it appends as partitions finish (see the module docstring)."""

    def __init__(self, folder, files, problems, size, extractor):
        self.folder = Path(folder)
        self.partitions = partitions(files, size)
        header = {"manifest": VERSION, "extractor": extractor, "inputs": len(files),
                  "inputs_sha1": _inputs_sha1(files), "partition_size": size, "partitions": len(self.partitions)}
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.folder)
        try:
            kept = self._earlier(header)
        except ManifestError:
            self.close()
            raise
        kept += [{"failure": source, "reason": reason, "partition": None} for source, reason in problems]
        write_atomic(self.folder / NAME, "".join(_line(e) for e in [header] + kept).encode("utf-8"))
        self.done = {e["partition"] for e in kept if "shard" in e}
        self.articles = sum(e["articles"] for e in kept if "shard" in e)
        self.failed = sum(1 for e in kept if "failure" in e)
        for leftover in self.folder.glob("part-*.tmp"):  # shards a killed run was writing
            leftover.unlink()

    def _earlier(self, header):
        """The lines of the partitions an earlier run finished; a ManifestError if that
        run was of other inputs or another extractor."""
        lines = read(self.folder)
        if not lines:
            if any(self.folder.glob("part-*")):
                raise ManifestError(f"{shown(self.folder)} holds shards but no {NAME}: "
                                    "give an empty or new folder to --output")
            return []
        earlier = lines[0]
        for key, what in (("inputs_sha1", "other inputs (give the same PATHS, in the same order)"),
                          ("extractor", "another version of the extractor"),
                          ("partition_size", "another --partition-size")):
            if earlier.get(key) != header[key]:
                raise ManifestError(f"{shown(self.folder)} holds an extraction of {what}: "
                                    "give a new folder to --output, or run it as it was first run")
        done = {e["partition"] for e in lines[1:]
                if "shard" in e and e["shard"] == shard_name(e["partition"]) and (self.folder / e["shard"]).is_file()}
        return [e for e in lines[1:] if e.get("partition") in done]

    def close(self):
        """Let another run write to the folder."""
        self._lock.close()

    def todo(self):
        """[(index, inputs)] of the partitions left to do."""
        return [(i, inputs) for i, inputs in enumerate(self.partitions) if i not in self.done]

    def made(self):
        """The shards of the done partitions, in partition order."""
        return [self.folder / shard_name(i) for i in sorted(self.done)]

    def finished(self, index, result):
        """A partition's shard (from shards.extract_shard) written, then its lines."""
        name = shard_name(index)
        write_atomic(self.folder / name, result["data"])
        lines = [{"failure": source, "reason": reason, "partition": index} for source, reason in result["failures"]]
        lines += [{"warning": source, "note": note, "partition": index} for source, note in result["warnings"]]
        lines.append({"shard": name, "partition": index, "inputs": [shown(p) for p in self.partitions[index]],
                      "articles": result["articles"], "failures": len(result["failures"]),
                      "extractor": result["extractor"]})
        self._append(lines)
        self.done.add(index)
        self.articles += result["articles"]
        self.failed += len(result["failures"])

    def lost(self, index, reason):
        """A partition whose task failed as a whole (a worker died, another extractor):
        a failure line for each of its inputs, no shard, so that the next run redoes it."""
        self._append([{"failure": shown(source), "reason": reason, "partition": index}
                      for source in self.partitions[index]])
        self.failed += len(self.partitions[index])

    def _append(self, lines):
        with open(self.folder / NAME, "a", encoding="utf-8") as fh:
            fh.write("".join(_line(e) for e in lines))
            fh.flush()
            os.fsync(fh.fileno())


def _lock(folder):
    """Held while a run writes to folder: a second run at the same time is refused (the
    lock goes with the process, however it ends)."""
    fh = open(folder / LOCK, "w")
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise ManifestError(f"another thidua extract is writing to {shown(folder)}: "
                            "wait for it to end, or give another --output") from None
    return fh


def _line(entry):
    return json.dumps(entry, ensure_ascii=False) + "\n"
