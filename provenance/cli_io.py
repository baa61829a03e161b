"""Input and output for the command line, and only for it: reading an input's bytes (stdin, files,
FIFOs), telling two names of one file apart, and writing a report atomically.

Reading raises :class:`~provenance.inputs.InputError` (the library's one-line input error); writing
raises :class:`InputFailure`, the command line's error (one line on stderr, exit code 2).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import click

from .inputs import InputError, file_identity

__all__ = ["EXIT_USAGE", "InputFailure", "file_identity", "read_bytes", "output_writer", "write_output",
           "os_reason", "silence_stdout", "refuse_input_as_output", "tell"]

EXIT_USAGE = 2


def tell(message: str, nl: bool = True) -> None:
    """Write ``message`` to standard error. A closed or full stderr loses the message rather than
    ending the command: the report and the exit code are what a caller reads, and a warning that
    cannot be shown must not turn a run into a failure. Messages name inputs and ids, which are
    untrusted: control characters and bidi overrides in them are shown as ``�``."""
    # a progress line starts with the carriage return that redraws it: that one is the tool's own
    prefix = "\r" if message.startswith("\r") else ""
    if not message[len(prefix):].isprintable():
        from .render.text import safe_label  # only for a message that needs it: not at start-up

        message = prefix + safe_label(message[len(prefix):])
    try:
        click.echo(message, err=True, nl=nl)
    except OSError:
        pass


class InputFailure(click.ClickException):
    """An input error: one line on stderr and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None):
        tell(f"provenance: error: {self.format_message()}")


def refuse_input_as_output(output: str | None, inputs) -> None:
    """Raise :class:`InputFailure` when ``output`` is one of ``inputs`` (the same file by device and
    inode, so ``./a.txt``, a symlink or a hard link to it count) or a file inside an input directory,
    existing or not: a report must never replace an article or an index it was made from, nor
    become an input of the next run over that directory."""
    if not output or output == "-":
        return
    target = file_identity(output)
    real = os.path.realpath(output)
    for name in inputs:
        if name is None or name == "-":
            continue
        if os.path.isdir(name) and os.path.commonpath([real, folder := os.path.realpath(name)]) == folder:
            if target is not None:
                raise InputFailure(f"{output}: is an input (in {name}); the report would replace it")
            raise InputFailure(f"{output}: is inside an input directory ({name}); the next run over it would "
                               "read the report as an article")
        if target is not None and file_identity(name) == target:
            raise InputFailure(f"{output}: is an input ({name}); the report would replace it")


def read_bytes(name: str, limit: int) -> bytes:
    """The bytes of one input (``-``: stdin), at most ``limit`` bytes (0: no limit); errors raise InputError.

    A file is opened non-blocking and checked with fstat before it is read, so that a FIFO with no
    writer is an error ("no writer"), not a hang; a pipe with a writer (``<(cmd)``) is read whole.
    """
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        if not data:
            raise InputError("-: standard input is empty")
        return data
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"{name}: {_missing_reason(name, exc)}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{name}: is a directory (give the article files, e.g. {name}/*.txt)")
        if stat.S_ISREG(st.st_mode):
            if limit and st.st_size > limit:
                raise InputError(
                    f"{name}: file is {st.st_size / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit (raise it with --max-size)"
                )
        elif stat.S_ISFIFO(st.st_mode):
            os.set_blocking(fd, True)  # a writer is there or was: wait for its data, not EAGAIN
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = None
            data = fh.read(limit + 1 if limit else -1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({os_reason(exc)})") from None
    finally:
        if fd is not None:
            os.close(fd)
    if not data and stat.S_ISFIFO(st.st_mode):
        raise InputError(f"{name}: a FIFO or pipe with no writer (nothing to read)")
    return data


def _missing_reason(name: str, exc: OSError) -> str:
    """Why ``name`` cannot be opened, in words: a symlink loop and a dangling symlink are not "no such file"."""
    if exc.errno == errno.ENOENT and os.path.islink(name):
        return f"broken symlink (to {os.readlink(name)})"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return f"cannot read ({os_reason(exc)})"


def os_reason(exc: OSError) -> str:
    """A short reason for an OS error ("symlink loop" for ELOOP, else the system's message)."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return (exc.strerror or str(exc)).lower() if exc.strerror else str(exc)


def _umask() -> int:
    """The process umask (os.umask can only be read by setting it, so it is set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _open_fifo_for_writing(path: str):
    """A FIFO opened for writing, or :class:`InputFailure` when no process has it open for reading:
    a blocking open would wait for a reader forever (the report is ready when this is called, so a
    reader that is coming is already there)."""
    import errno
    import fcntl

    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputFailure(f"{path}: a FIFO with no reader (start the reader first)") from None
        raise
    # writes block again once the reader is there: a slow reader must not get a short write
    fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    return os.fdopen(fd, "a", encoding="utf-8")


class output_writer:
    """Where a report goes, as a context manager yielding ``write(text)``.

    * no path or ``-``: standard output (``color`` keeps ANSI colours when it is not a terminal);
    * a regular file or a new path: a temporary file in the same directory, renamed over the target
      when the block ends without an exception (readers never see half a report; on an error the
      target is left as it was). A new file gets the umask's mode (``0666 & ~umask``), an existing
      one keeps its mode;
    * a symlink is followed to its target, as ``cp`` and editors do (the link stays a link);
    * anything else (a terminal, ``/dev/null``, a FIFO, any path under /dev or /proc such as
      ``/dev/stdout`` even when it leads to a regular file) is written in place.

    Every OS error (missing directory, read-only filesystem, disk full) raises :class:`InputFailure`:
    one line, exit code 2, so that ``check`` never reports a write failure as a failed reprint.
    """

    def __init__(self, output: str | None, color: bool = False):
        self.output, self.color = output, color
        self.fh = self.tmp = self.target = None

    def __enter__(self):
        if not self.output or self.output == "-":
            return self._write_stdout
        try:
            st = os.stat(self.output)  # follows symlinks; a loop fails here
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise self._failure(exc) from None
        try:
            if st is not None and stat.S_ISDIR(st.st_mode):
                raise InputFailure(f"{self.output}: is a directory")
            if st is not None and (not stat.S_ISREG(st.st_mode) or _names_a_descriptor(self.output)):
                # a device or FIFO, written straight; opened by the name given, since /dev/stdout
                # resolves to /proc/self/fd/1 and on to a pipe that has no path
                # (appending: `-o /dev/stdout >> log` must not truncate the log)
                if stat.S_ISFIFO(st.st_mode):
                    self.fh = _open_fifo_for_writing(self.output)
                else:
                    self.fh = open(self.output, "a", encoding="utf-8")
                return self._write_file
            # a regular file or a new path: the temporary file goes beside the symlinks' target
            target = os.path.realpath(self.output)
            if not os.path.isdir(os.path.dirname(target) or "."):
                raise InputFailure(f"{self.output}: cannot write (no such directory: {os.path.dirname(self.output)})")
            import tempfile  # only when writing a file: not at start-up

            fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", dir=os.path.dirname(target))
            self.target = target
            # mkstemp makes the file 0600; give it the mode the target has or a new file would get
            os.fchmod(fd, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
            self.fh = os.fdopen(fd, "w", encoding="utf-8")
        except OSError as exc:
            self._discard()
            raise self._failure(exc) from None
        return self._write_file

    def _write_stdout(self, text: str) -> None:
        if sys.stdout is None:  # started with stdout closed (`>&-`): click would drop the report silently
            raise InputFailure("cannot write standard output (it is closed)")
        try:
            click.echo(text, nl=False, color=self.color or None)
        except BrokenPipeError:
            raise
        except OSError as exc:
            silence_stdout()
            raise InputFailure(f"cannot write standard output ({os_reason(exc)})") from None

    def _write_file(self, text: str) -> None:
        try:
            self.fh.write(text)
        except OSError as exc:
            raise self._failure(exc) from None

    def __exit__(self, exc_type, exc, tb):
        if self.fh is None:
            return
        try:
            if exc_type is None:
                self.fh.close()
                if self.tmp:
                    os.replace(self.tmp, self.target)
                    self.tmp = None
        except OSError as err:
            raise self._failure(err) from None
        finally:
            self._discard()

    def _discard(self) -> None:
        if self.fh is not None:
            try:
                self.fh.close()
            except OSError:
                pass  # the write that failed is what gets reported
            self.fh = None
        if self.tmp:
            Path(self.tmp).unlink(missing_ok=True)
            self.tmp = None

    def _failure(self, exc: OSError) -> InputFailure:
        return InputFailure(f"{self.output}: cannot write ({os_reason(exc)})")


def _names_a_descriptor(path: str) -> bool:
    """Whether ``path``, or a symlink it leads through, is under /dev or /proc (``/dev/stdout``,
    ``/dev/fd/3``, ``out -> /proc/self/fd/1``): the file behind it is another process's open file
    (``-o /dev/stdout >> log``), to be written in place, not replaced."""
    path = os.path.abspath(path)
    for _ in range(40):  # the kernel's limit on symlinks followed
        if path.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.abspath(os.path.join(os.path.dirname(path), os.readlink(path)))
    return False


def silence_stdout() -> None:
    """Point file descriptor 1 at /dev/null, so that the interpreter's last flush of what could
    not be written does not print a second error (Python's advice for a broken pipe)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (CliRunner): nothing to flush at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def write_output(text: str, output: str | None, color: bool = False) -> None:
    """Write a whole report through :class:`output_writer` (on stdout, ending in a newline)."""
    with output_writer(output, color) as write:
        write(text if output not in (None, "-") or text.endswith("\n") else text + "\n")
