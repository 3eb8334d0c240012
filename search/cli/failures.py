"""What goes wrong outside the program, said in one line: a data folder that cannot
be used, a damaged database or index, a full disk, an argument that is not text.

Every command runs inside `one_line`, so such a failure ends the command with
"Error: …" and status 1 instead of a traceback; anything else is a bug and keeps
its traceback. A closed pipe (`thidua search … | head`) ends the command quietly.
"""
import errno
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ingest.database import ArchiveError, explain, os_failure
from ingest.store import DB_NAME

# Commands whose arguments are file names, which need not be UTF-8 (old archives).
PATH_COMMANDS = {"ingest", "extract", "load"}


def _os_message(exc, data_dir):
    known = os_failure(exc, exc.filename or data_dir)
    if known:
        return str(known)
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and exc.filename:
        return f"cannot use {data_dir} as the data folder ({exc.strerror}: {exc.filename}): give another --data-dir"
    return None


@contextmanager
def one_line(data_dir):
    """Turn failures of the data folder into a click.ClickException."""
    try:
        yield
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.Error as exc:
        raise click.ClickException(str(explain(exc, Path(data_dir) / DB_NAME))) from None
    except BrokenPipeError:
        sys.stdout = open(os.devnull, "w")  # nothing more can be printed; exit as `head` expects
        sys.exit(0)
    except OSError as exc:
        message = _os_message(exc, data_dir)
        if message is None:
            raise
        raise click.ClickException(message) from None
    except Exception as exc:
        if not type(exc).__module__.startswith("whoosh"):
            raise
        from index.opening import failure  # imported late: Whoosh
        from index.writer import index_path

        raise click.ClickException(str(failure(index_path(data_dir), exc))) from None


def check_text_arguments(command, args):
    """Refuse an argument that is not valid UTF-8 (it reaches Python with surrogate
    escapes, which nothing downstream can print or search), naming it with its
    odd bytes as backslash escapes. File names are exempt."""
    if command in PATH_COMMANDS:
        return
    after_data_dir = False
    for arg in args:
        if not after_data_dir and not arg.startswith("--data-dir"):
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                raise click.UsageError(f"the argument '{shown}' is not valid UTF-8 text: "
                                       f"type it again, or check the terminal's encoding") from None
        after_data_dir = arg == "--data-dir"
