"""The parallel reader of an archive: files, directories and JSON Lines archives into index entries.

Inputs are cut into units of work (one file, or 256 lines of a JSON Lines archive), read, tokenized
and fingerprinted in worker processes, and added to an index in input order as they stream, so
memory stays bounded by the units in flight. :func:`add_inputs` is the one entry point.

Reading a named file is delegated to the caller's ``read_bytes(name, limit)`` (the command line's,
which checks FIFOs and sizes before it reads); it raises :class:`~provenance.inputs.InputError`.
"""

from __future__ import annotations

import os
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from ..inputs import InputError, file_identity
from ..inputs.documents import _size
from ..settings import DEFAULT_SETTINGS, Settings
from .mapper import worker_pool

__all__ = ["ARTICLE_SUFFIXES", "IngestError", "add_inputs"]

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
# lines of a JSON Lines archive per unit of work: big enough that a unit outweighs its dispatch
_LINES_PER_UNIT = 256


class IngestError(Exception):
    """The add stops: an input that cannot be read (strict), a malformed archive record, or no
    readable input at all. The message is one line."""


def add_inputs(
    idx,
    paths: Iterable[str],
    read_bytes: Callable[[str, int], bytes],
    *,
    input_format: str = "auto",
    jobs: int | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    strict: bool = False,
    batch_size: int = 500,
    warn: Callable[[str], None] | None = None,
    progress: Callable[[int], None] | None = None,
):
    """Add FILES, DIRs and JSONL archives to the index ``idx``: read and fingerprinted in ``jobs``
    processes (default: the CPUs), committed every ``batch_size`` documents.

    An input that cannot be read is skipped with one warning, ``warn("...; skipped")`` (``strict``,
    or a single named file: :class:`IngestError` with its message). A malformed JSON Lines record is
    skipped with a warning naming its line, whatever the input (a ``.jsonl`` file, standard input,
    an archive known by its content), and the other records are added (``strict``:
    :class:`IngestError`). Input warnings go to ``warn``;
    ``progress(n)`` gets the documents indexed so far. Returns ``(AddReport, inputs skipped)``.
    ``read_bytes`` must be picklable (a module-level function) when ``jobs > 1``.
    """
    paths = tuple(paths)
    warn = warn or (lambda message: None)
    skipped = 0
    # one named file that cannot be read: its error is the command's error (one line), there is
    # nothing else to add; a malformed record inside it is still skipped (its other records are
    # good), unless the user asked for ``strict``
    strict_inputs = strict or (len(paths) == 1 and not Path(paths[0]).is_dir())
    prepare = partial(_prepare_unit, input_format=input_format, settings=settings, k=idx.k, sample=idx.sample,
                      read_bytes=read_bytes, strict=strict)
    stdin = None
    if "-" in paths:
        # read here, not in a worker: a worker process has no standard input of the user's
        try:
            stdin = read_bytes("-", settings.input.max_bytes)
        except InputError as exc:
            stdin = exc
    # an id read twice in one add is two articles under one name: the second would silently
    # replace the first (a re-add in a later run is an update, and stays one)
    first_source: dict[str, str] = {}
    records_skipped = 0

    def entries():
        nonlocal skipped, records_skipped
        for unit, (found, warnings, error, bad) in _ordered_parallel(
                prepare, _work_units(paths, input_format, stdin), jobs or os.cpu_count() or 1):
            for warning in warnings:
                warn(warning)
            records_skipped += bad
            if error:
                if strict_inputs:
                    raise IngestError(error)
                skipped += 1
                warn(f"{error}; skipped")
            for entry in found:
                first = first_source.get(entry.id)
                if first is not None:
                    message = (f"{unit[1]}: duplicate id {entry.id!r}" if first == unit[1]
                               else f"{unit[1]}: id {entry.id!r} was already read from {first} in this run")
                    if strict:
                        raise IngestError(message)
                    skipped += 1
                    warn(f"{message}; skipped")
                    continue
                first_source[entry.id] = unit[1]
                yield entry

    report = idx.add_entries(entries(), batch_size=batch_size, progress=progress)
    if (skipped or records_skipped) and not report.total:
        # every input or record was bad: nothing was added, and an exit code of 0 hid it
        what = [f"{skipped} input{'s' if skipped != 1 else ''}"] * bool(skipped) + \
               [f"{records_skipped} record{'s' if records_skipped != 1 else ''}"] * bool(records_skipped)
        raise IngestError(f"nothing could be read ({' and '.join(what)} skipped)")
    return report, skipped


def _work_units(paths: tuple[str, ...], input_format: str, stdin=None, seen: dict | None = None) -> Iterator[tuple]:
    """Units of reading work, in input order: one file, or 256 lines of a JSON Lines archive.

    An input that cannot be read becomes a ``("bad", name, 0, message)`` unit, so that the caller
    decides whether to skip it or stop (``strict``); so does a file met a second time (under another
    path, through a link, or inside a directory also given). ``stdin`` is standard input's bytes
    (or the :class:`InputError` reading it raised), read by the caller, for ``-``."""
    seen = {} if seen is None else seen
    for name in paths:
        if name == "-":
            if isinstance(stdin, InputError) or stdin is None:
                yield ("bad", name, 0, str(stdin) if stdin is not None else "-: standard input given twice")
            else:
                yield ("data", name, 1, stdin)
                stdin = None  # read once
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise IngestError(f"{name}: no article files (.txt, .html, .htm, .jsonl) in this directory")
            yield from _work_units(tuple(str(p) for p in files), input_format, seen=seen)
            continue
        identity = file_identity(name)
        if identity is not None:
            if identity in seen:
                first = seen[identity]
                yield ("bad", name, 0, f"{name}: given twice" + ("" if first == name else f" (also as {first})"))
                continue
            seen[identity] = name
        if path.suffix.lower() in _JSONL_SUFFIXES or input_format == "jsonl":
            if not path.exists():
                yield ("bad", name, 0, f"{name}: no such file")
                continue
            try:
                yield from _jsonl_units(name, path)
            except IngestError as exc:
                yield ("bad", name, 0, str(exc))
        else:
            yield ("file", name, 1, None)


def _jsonl_units(name: str, path: Path) -> Iterator[tuple]:
    """256-line units of a JSON Lines archive, read as it streams (JSON Lines is UTF-8)."""
    chunk, first, n, records = [], 1, 0, 0
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for n, line in enumerate(fh, 1):
                chunk.append(line)
                records += bool(line.strip())
                if len(chunk) == _LINES_PER_UNIT:
                    yield ("jsonl", name, first, "".join(chunk))
                    chunk, first = [], n + 1
    except UnicodeDecodeError:
        raise IngestError(f"{name}: not UTF-8 text (JSON Lines must be UTF-8)") from None
    if chunk:
        yield ("jsonl", name, first, "".join(chunk))
    if not records:
        raise IngestError(f"{name}: file is empty" if not n else f"{name}: holds no records (only blank lines)")


def _prepare_unit(unit, input_format: str, settings: Settings, k: int, sample: int, read_bytes, strict: bool = False):
    """Index entries, warnings and error (or None) of one work unit; runs in a worker process
    (tokenizing is the cost)."""
    from ..inputs.formats import decode_bytes, load_document, sniff_format
    from .index import prepare_entry

    kind, name, first, text = unit
    if kind == "bad":
        return [], [], text, 0
    if kind == "jsonl":
        return _prepare_records(name, first, text, k, sample, strict, settings.input.max_bytes)
    try:
        limit = settings.input.max_bytes
        data = text if kind == "data" else read_bytes(name, limit)
        fmt = sniff_format(name, data) if input_format == "auto" else input_format
        if fmt == "jsonl":
            # standard input, or an archive known by its content: record by record, as a .jsonl file
            decoded = decode_bytes(data, name, limit)
            entries, warnings, error, bad = _prepare_records(name, 1, decoded.text, k, sample, strict, limit)
            if not entries and not warnings:
                return [], [], f"{name}: no records (only blank lines)", 0
            return entries, ([decoded.warning] if decoded.warning else []) + warnings, error, bad
        loaded = load_document(name, data, input_format=fmt, max_bytes=limit)
    except InputError as exc:
        return [], [], str(exc), 0
    return [prepare_entry(d, k, sample) for d in loaded.documents], loaded.warnings, None, 0


def _prepare_records(name: str, first: int, text: str, k: int, sample: int, strict: bool, max_bytes: int = 0):
    """:func:`_prepare_unit` of a JSON Lines unit, record by record: a malformed record, or one whose
    text is over ``max_bytes`` (UTF-8; 0: no limit, as ``--max-size`` limits a file), is skipped
    with a warning naming its line (its unit's good records are kept), or, with ``strict``, stops the
    add there. Repeated ids are :func:`add_inputs`' to find (they may be units apart). Returns
    ``(entries, warnings, None, records skipped)``."""
    from ..inputs.formats import _iter_jsonl_documents, reading_warnings
    from .index import prepare_entry

    entries, warnings, bad = [], [], 0
    read: Counter = Counter()
    lines = text.rstrip("\n").split("\n")  # not splitlines(): JSON strings may hold U+2028
    for offset, line in enumerate(lines):
        try:
            if max_bytes and len(line) > max_bytes // 4 and len(line.encode("utf-8")) > max_bytes:
                # the record as a whole, before it is parsed (a record bigger than the limit was
                # tokenized whole: 37 s and 3 GB for one of 19 MB)
                raise InputError(f"{name}:1: the record is {_size(len(line.encode('utf-8')))}, "
                                 f"over the {_size(max_bytes)} limit (raise it with --max-size)")
            docs = list(_iter_jsonl_documents(name, [line], read))
        except InputError as exc:
            # the message names line 1 of a one-line read: give the file's line
            message = re.sub(rf"^{re.escape(name)}:1:", f"{name}:{first + offset}:", str(exc))
            if strict:
                raise IngestError(message) from None
            warnings.append(f"{message}; record skipped")
            bad += 1
            continue
        entries.extend(prepare_entry(d, k, sample) for d in docs)
    # counted per unit of lines (units are read in parallel), so the warning names its lines
    where = f"{name}:{first}" if len(lines) == 1 else f"{name}:{first}-{first + len(lines) - 1}"
    return entries, warnings + reading_warnings(where, read), None, bad


def _ordered_parallel(func, items, jobs: int):
    """``(item, func(item))`` for each of ``items`` over ``jobs`` processes, in order, with a bounded
    number in flight (streams)."""
    if jobs <= 1:
        for item in items:
            yield item, func(item)
        return
    pool = worker_pool(jobs)
    try:
        pending: deque = deque()
        for item in items:
            pending.append((item, pool.submit(func, item)))
            if len(pending) >= 4 * jobs:
                item, future = pending.popleft()
                yield item, future.result()
        while pending:
            item, future = pending.popleft()
            yield item, future.result()
    finally:
        # on an error or a signal, do not wait for the queued units; idle workers exit now and
        # busy ones when their unit is done (or with this process, see mapper.worker_init)
        pool.shutdown(wait=False, cancel_futures=True)
