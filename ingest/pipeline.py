"""From input paths to article records: read, decode, clean, extract.

Each input is handled on its own and any failure is turned into a one-line
reason, so one bad file never stops a batch. What was done to keep a damaged or
outsized input (bad bytes replaced, extraction limited) comes with it as notes,
one line each, for the commands to print as warnings. Batches run on several processes
(`jobs`), sharing the language models loaded before they fork.
"""
import gc
import os
import queue
import signal
import stat
from multiprocessing import get_context
from pathlib import Path

from ingest.extract import compose as extraction
from ingest.clean.decode import InputError, MAX_BYTES, check_size, decode
from ingest.language.normalize import clean_text
from ingest.database import ArchiveError
from ingest.record import new_record
from ingest.clean.text_clean import clean_dump
from ingest.inputs import _kind, _not_a_file, expand_paths, input_key, shown  # noqa: F401 (expand_paths: for callers)

def records_from_bytes(data, source, kind, declared_charset=None, notes=None, source_key=None, captured=None):
    """Clean and extract one input already in memory (a file, or a fetched page);
    notes (a list), when given, receives a line for each thing the user should know.
    source_key identifies a file's source (ingest.identity); a page names its own.
    captured ("YYYY-MM-DD…") is when the page was fetched (a WARC-Date): with the
    upload day of its images, what dates a page that shows no date of its own."""
    text = clean_text(decode(data, declared_charset, notes))
    if kind == "html":
        from ingest.clean.html_clean import clean_html  # at the first page: bs4, most of the import time

        fields = clean_html(text, source)
    else:
        fields = clean_dump(text, source)
    image_date = fields.pop("image_date", None)
    record = new_record(source, **fields, source_key=source_key)
    reference = ({"date": image_date, "source": "image paths"} if image_date
                 else {"date": captured[:10], "source": "capture"} if captured else None)
    return [extraction.extract(record, notes, reference)]


def records_from_path(path, notes=None):
    """Records of one file. It is opened without blocking and checked to be a regular
    file, so a file replaced by a FIFO after expand_paths cannot hang the batch."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as fh:
            mode = os.fstat(fd)
            if not stat.S_ISREG(mode.st_mode):
                raise InputError(_not_a_file(mode.st_mode))
            check_size(mode.st_size)
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return records_from_bytes(data, shown(path), _kind(path), notes=notes, source_key=input_key(path))


def _guarded(source, read):
    """(source, records, error, notes) from read(notes), and never an exception."""
    notes = []
    try:
        return source, read(notes), None, notes
    except InputError as exc:
        return source, [], str(exc), notes
    except RecursionError:
        return source, [], "page too deeply nested to parse", notes
    except Exception as exc:  # an unexpected bug must not kill the batch; it is reported, not hidden
        return source, [], f"internal error ({type(exc).__name__}: {exc})", notes


def _items(path):
    """(source, records, error, notes) for one input: a file, or each HTML page of a
    WARC file or a file of raw pages as JSON lines (its source is the page's URL; a
    page refused by the reader, too large or malformed, is an error of its own and
    the reading goes on)."""
    kind = _kind(Path(path))
    if kind not in ("warc", "pages"):
        yield _guarded(shown(path), lambda notes: records_from_path(path, notes))
        return
    from ingest.scrape import pages_jsonl, warc  # imported at the first such file: warcio

    pages = warc.html_responses(path) if kind == "warc" else pages_jsonl.html_pages(Path(path))
    try:
        for uri, data, charset, problem, captured in pages:
            if problem:
                yield uri, [], problem, []
                continue
            yield _guarded(uri, lambda notes: records_from_bytes(data, uri, "html", charset, notes,
                                                                 captured=captured))
    except InputError as exc:  # the file is damaged: the pages before the damage are kept
        yield shown(path), [], str(exc), []


def map_partition(inputs):
    """The map of the whole pipeline over a partition (a sequence of input paths):
    (source, records, error, notes) for each file, each HTML page of a WARC file, in
    order. A pure function of the inputs, and the one entry every engine calls: the
    --jobs processes below, the Dask workers of `thidua extract --cluster`
    (ingest.scale) and whatever comes next, so the same input gives the same
    records wherever it runs. It yields, so one process can stream a large WARC
    file."""
    for path in inputs:
        yield from _items(path)


class ExtractionLost(ArchiveError):
    """A helper ended without giving its inputs' items back: an ArchiveError, so that
    the command says it on one line, with what to do (search.cli.failures)."""


# Inputs the helpers may extract ahead of the one the caller waits for: enough for them to
# go on while the caller writes an index window of 1,000 (search.cli.archiving); what they
# hold meanwhile did not show in the maximum RSS (10,000 articles: 321-322 MiB against
# 327-328 with 256).
AHEAD = 1024


def process(paths, jobs=1):
    """Yield (source, records, error, notes) for each file (each HTML page of a WARC
    file), in input order."""
    for _path, *item in _run(paths, jobs, map_partition, extraction.warm_up):
        yield tuple(item)


def process_inputs(paths, jobs=1):
    """As process, each item led by the input path it came from and followed by its
    records' store.prepare(): what storing them needs of each record alone, worked out
    on the processes that extract (see _run)."""
    return _run(paths, jobs, _prepared, _warm_up_preparing)


def _warm_up_preparing():
    from ingest.identity import copies

    extraction.warm_up()
    copies.warm_up()


def _prepared(inputs):
    from ingest import store

    for item in map_partition(inputs):
        yield (*item, [store.prepare(record) for record in item[1]])


def _run(paths, jobs, task, warm_up):
    """(path, *item) for each item of task([path]) (an iterable of items), path by path in
    input order, on `jobs` processes: this one and jobs - 1 helpers forked from it
    once warm_up() has loaded what task needs.

    This process is also the one that stores what it yields (the caller's loop runs
    between two items), so it does not only wait for the helpers: when the next item
    is not ready, it takes the next input nobody has taken and extracts it itself.
    Whatever storing and indexing cost, the cores stay busy, and --jobs N is N
    processes' work, no more. Inputs are handed out one at a time from a shared
    counter, each helper at most AHEAD inputs ahead of the one awaited."""
    paths = list(paths)
    if not paths:
        return  # nothing to read: the models are not loaded
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    warm_up()  # before the helpers fork: they share the models instead of each loading them (1 s CPU)
    gc.freeze()  # gc.freeze's own advice before a fork: what is loaded lives as long as the run, so no
    # collection walks it again (in a helper, that would touch, and so copy, the pages it shares); 1,000
    # articles, --jobs 1: full collections 0.047 -> 0.007 s CPU. Undone at the end, for callers that go on.
    try:
        yield from _spread(paths, jobs, task)
    finally:
        gc.unfreeze()


def _spread(paths, jobs, task):
    """_run's work once the models are loaded: in this process alone, or with helpers."""
    if jobs == 1:
        for path in paths:
            for item in task([path]):
                yield (path, *item)
        return
    context = get_context("fork")
    taken, results, ahead = context.Value("q", 0), context.Queue(), context.Semaphore(AHEAD)
    helpers = [context.Process(target=_help, args=(paths, task, taken, results, ahead, os.getpid()), daemon=True)
               for _ in range(jobs - 1)]
    for helper in helpers:
        helper.start()
    done = {}  # input number -> (items, whether a helper made them)
    try:
        for wanted, path in enumerate(paths):
            while wanted not in done:
                _next_result(done, wanted, paths, task, taken, results, helpers)
            items, helped = done.pop(wanted)
            if helped:
                ahead.release()
            for item in items:
                yield (path, *item)
    finally:
        for helper in helpers:
            if helper.is_alive():
                helper.kill()
            helper.join()
        results.cancel_join_thread()
        results.close()


def _next_result(done, wanted, paths, task, taken, results, helpers):
    """Bring one more input's items into done: a helper's, else one extracted here (an
    input nobody has taken, up to AHEAD past the awaited one), else wait for a helper."""
    try:
        number, items = results.get_nowait()
    except queue.Empty:
        with taken.get_lock():
            number = taken.value if taken.value < min(len(paths), wanted + AHEAD) else None
            if number is not None:
                taken.value += 1
        if number is not None:
            done[number] = (list(task([paths[number]])), False)
            return
        try:
            number, items = results.get(timeout=1.0)
        except queue.Empty:  # the input awaited is a helper's: is it still at work?
            if any(helper.exitcode for helper in helpers) or not any(helper.is_alive() for helper in helpers):
                raise ExtractionLost("an extraction process ended unexpectedly (killed, or out of memory?): "
                                     "what was stored is kept; run the same command again to go on") from None
            return
    if isinstance(items, BaseException):
        raise items
    done[number] = (items, True)


def _help(paths, task, taken, results, ahead, parent):
    """A helper process: take the next input nobody has taken, extract it, send its items
    back numbered; until none is left. An error that is not an input's (those are
    items) is sent back to stop the run."""
    _end_with(parent)
    try:
        while os.getppid() == parent:
            ahead.acquire()
            with taken.get_lock():
                number = taken.value
                taken.value += 1
            if number >= len(paths):
                return
            try:
                items = list(task([paths[number]]))
            except Exception as exc:
                results.put((number, RuntimeError(f"extracting {shown(paths[number])}: {exc}")))
                return
            results.put((number, items))
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group: the parent says it
        return


def _end_with(parent):
    """Have the kernel kill this process when its parent ends (Linux's
    PR_SET_PDEATHSIG), so that a killed ingest leaves no helper behind; elsewhere a
    helper ends at its next input, once the parent is gone (daemon processes)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # it ended before the line above
        os._exit(0)
