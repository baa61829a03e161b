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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from ..inputs import InputError
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
    or a single named file: :class:`IngestError` with its message). Input warnings go to ``warn``;
    ``progress(n)`` gets the documents indexed so far. Returns ``(AddReport, inputs skipped)``.
    ``read_bytes`` must be picklable (a module-level function) when ``jobs > 1``.
    """
    paths = tuple(paths)
    warn = warn or (lambda message: None)
    prepare = partial(_prepare_unit, input_format=input_format, settings=settings, k=idx.k, sample=idx.sample,
                      read_bytes=read_bytes)
    skipped = 0
    # one named file: its error is the command's error (one line), there is nothing else to add
    strict = strict or (len(paths) == 1 and not Path(paths[0]).is_dir())

    def entries():
        nonlocal skipped
        for found, warnings, error in _ordered_parallel(prepare, _work_units(paths, input_format),
                                                        jobs or os.cpu_count() or 1):
            for warning in warnings:
                warn(warning)
            if error:
                if strict:
                    raise IngestError(error)
                skipped += 1
                warn(f"{error}; skipped")
            yield from found

    report = idx.add_entries(entries(), batch_size=batch_size, progress=progress)
    if skipped and not report.total:
        raise IngestError(f"no input could be read ({skipped} skipped)")
    return report, skipped


def _work_units(paths: tuple[str, ...], input_format: str) -> Iterator[tuple]:
    """Units of reading work, in input order: one file, or 256 lines of a JSON Lines archive.

    An input that cannot be read becomes a ``("bad", name, 0, message)`` unit, so that the caller
    decides whether to skip it or stop (``strict``)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            if not files:
                raise IngestError(f"{name}: no article files (.txt, .html, .htm, .jsonl) in this directory")
            yield from _work_units(tuple(str(p) for p in files), input_format)
        elif path.suffix.lower() in _JSONL_SUFFIXES or input_format == "jsonl":
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


def _prepare_unit(unit, input_format: str, settings: Settings, k: int, sample: int, read_bytes):
    """Index entries, warnings and error (or None) of one work unit; runs in a worker process
    (tokenizing is the cost)."""
    from ..inputs.formats import jsonl_to_documents, load_document
    from .index import prepare_entry

    kind, name, first, text = unit
    if kind == "bad":
        return [], [], text
    try:
        if kind == "jsonl":
            docs, warnings = jsonl_to_documents(name, text.rstrip("\n")), []
        else:
            limit = settings.input.max_bytes
            loaded = load_document(name, read_bytes(name, limit), input_format=input_format, max_bytes=limit)
            docs, warnings = loaded.documents, loaded.warnings
    except InputError as exc:
        # line numbers are relative to the unit: shift them back to the file's
        message = re.sub(rf"^{re.escape(name)}:(\d+):", lambda m: f"{name}:{int(m.group(1)) + first - 1}:", str(exc))
        if kind == "jsonl":
            # a malformed record inside an archive stops the add at its line: skipping the
            # 256-line unit around it would silently lose good records
            raise IngestError(message) from None
        return [], [], message
    return [prepare_entry(d, k, sample) for d in docs], warnings, None


def _ordered_parallel(func, items, jobs: int):
    """``map(func, items)`` over ``jobs`` processes, in order, with a bounded number in flight (streams)."""
    if jobs <= 1:
        yield from map(func, items)
        return
    pool = worker_pool(jobs)
    try:
        pending: deque = deque()
        for item in items:
            pending.append(pool.submit(func, item))
            if len(pending) >= 4 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # on an error or a signal, do not wait for the queued units; idle workers exit now and
        # busy ones when their unit is done (or with this process, see mapper.worker_init)
        pool.shutdown(wait=False, cancel_futures=True)
