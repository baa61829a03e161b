"""The command-line interface: the only module that reads files, prints, or knows exit codes.

Each command parses its options, reads its inputs, makes one library call and renders the result.
Exit codes: 0 ok, 1 check failed, 2 usage or input error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from .inputs.documents import InputError
from .inputs.formats import load_document
from .model import Document
from .settings import DEFAULT_SETTINGS, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class InputFailure(click.ClickException):
    """An input error: one line on stderr and exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None):
        click.echo(f"provenance: error: {self.format_message()}", err=True)


def read_documents(paths: tuple[str, ...], settings: Settings, input_format: str = "auto") -> list[Document]:
    """Read each path (``-`` is stdin) into documents; warnings go to stderr, errors raise InputFailure."""
    docs: list[Document] = []
    seen: set[str] = set()
    for name in paths:
        data = _read_bytes(name, settings)
        try:
            loaded = _load(name, data, input_format, settings)
        except InputError as exc:
            raise InputFailure(str(exc)) from None
        for warning in loaded[1]:
            click.echo(f"provenance: warning: {warning}", err=True)
        for doc in loaded[0]:
            if doc.id in seen:
                raise InputFailure(f"{doc.id}: given twice")
            seen.add(doc.id)
            docs.append(doc)
    return docs


def _load(name: str, data: bytes, input_format: str, settings: Settings):
    """``(documents, warnings)`` of one input; raises InputError."""
    loaded = load_document(name, data, input_format=input_format, max_bytes=settings.input.max_bytes)
    return loaded.documents, loaded.warnings


def _read_bytes(name: str, settings: Settings) -> bytes:
    limit = settings.input.max_bytes
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1 if limit else -1)
        if not data:
            raise InputFailure("-: standard input is empty")
        return data
    path = Path(name)
    if not path.exists():
        raise InputFailure(f"{name}: no such file")
    if path.is_dir():
        raise InputFailure(f"{name}: is a directory (give the article files, e.g. {name}/*.txt)")
    try:
        size = path.stat().st_size
        if limit and size > limit:
            raise InputFailure(
                f"{name}: file is {size / 2**20:.1f} MiB, over the {limit / 2**20:.0f} MiB limit (raise it with --max-size)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputFailure(f"{name}: cannot read ({exc.strerror})") from None


def write_output(text: str, output: str | None, color: bool = False) -> None:
    """Write to stdout, or atomically to ``output`` (a temporary file renamed into place).

    ``color`` keeps ANSI colours on stdout even when it is not a terminal (``--color always``).
    """
    if not output or output == "-":
        click.echo(text, nl=not text.endswith("\n"), color=color or None)
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def use_color(choice: str, stream=None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def common_options(func):
    """Options shared by the commands that read articles and render a report."""
    func = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
                        show_default=True, help="Colour the terminal output.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                        help="Write the report to this file (atomically) instead of stdout.")(func)
    func = click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto",
                        show_default=True, help="How to read the inputs (auto: by extension and content).")(func)
    func = click.option("--max-size", type=int, default=DEFAULT_SETTINGS.input.max_bytes // 2**20, show_default=True,
                        help="Largest input file accepted, in MiB (0: no limit).")(func)
    return func


def settings_from(max_size: int) -> Settings:

    return DEFAULT_SETTINGS.with_options(max_bytes=max_size * 2**20)


class _Cli(click.Group):
    """A group whose errors are one line on stderr with exit code 2, under CliRunner too."""

    def main(self, args=None, prog_name=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name or "provenance", standalone_mode=False, **extra)
        except click.exceptions.UsageError as exc:
            # one line, not click's three-line usage block: CI logs and scripts read the first line
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"provenance: error: {exc.format_message()}{hint}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("provenance: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="provenance")
def cli():
    """Trace syndicated news text: which articles share wire text, which one is the original, who
    copied from whom, and what each outlet changed."""



def _parse_dates(values: tuple[str, ...]) -> dict[str, str]:
    from datetime import date

    out = {}
    for value in values:
        name, sep, day = value.partition("=")
        try:
            if not sep:
                raise ValueError
            date.fromisoformat(day)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not FILE=YYYY-MM-DD", param_hint="--date") from None
        out[name] = day
    return out


def _parse_kinds(value: str | None) -> frozenset[str] | None:
    from .model import EDIT_KINDS

    if not value:
        return None
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    unknown = sorted(kinds - set(EDIT_KINDS))
    if unknown:
        raise click.BadParameter(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(EDIT_KINDS)}", param_hint="--kinds")
    return kinds


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["side-by-side", "unified", "json", "table", "dot", "html"]),
              default="side-by-side", show_default=True,
              help="side-by-side: two columns (with more than two files: the copy tree and summaries); "
                   "unified: word diff like git diff --word-diff; json: machine-readable (provenance/trace-v1); "
                   "table: variant table (locations down, documents across); dot: Graphviz copy tree; html: report page.")
@click.option("--kinds", default=None, help="Only list edits of these kinds, e.g. spelling,quote.")
@click.option("--date", "dates", multiple=True, metavar="FILE=YYYY-MM-DD", help="Publication date of a file (repeatable); evidence for the source.")
@click.option("--diff/--no-diff", "diffs", default=None, help="Show side-by-side diffs for every copy-tree edge (default: only for two files).")
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Output width in columns (default: the terminal's).")
@click.option("--index", "index_db", default=None, metavar="DB",
              help="Read FILES as document ids in this index (as `provenance cluster` prints them).")
@common_options
def trace(files, fmt, kinds, dates, diffs, width, color, output, input_format, max_size, index_db):
    """Trace FILES: group them into stories, find each story's source and copy tree, and show what
    every reprint changed. With two files, shows a side-by-side diff of the reprint against its
    source. Reads - as standard input. Inputs: .txt, .html/.htm, .jsonl; with --index DB, the
    ids of indexed documents (a cluster's `documents`)."""
    from dataclasses import replace as dc_replace
    import json
    import shutil

    from .render.text import render_trace_text, render_unified, render_variant_table
    from .lineage.story import story_variant_table, trace_documents

    kind_filter = _parse_kinds(kinds)
    date_of = _parse_dates(dates)
    settings = settings_from(max_size)
    docs = documents_from_index(index_db, files) if index_db else read_documents(files, settings, input_format)
    unknown_dates = sorted(set(date_of) - {d.id for d in docs})
    if unknown_dates:
        raise click.BadParameter(f"{unknown_dates[0]} is not one of the FILES", param_hint="--date")
    docs = [dc_replace(d, meta={**d.meta, "date": date_of[d.id]}) if d.id in date_of else d for d in docs]
    result = trace_documents(docs, settings)
    if kind_filter is not None:
        result = _filter_trace(result, kind_filter)
    colored = use_color(color) and not output
    cols = width or shutil.get_terminal_size((100, 24)).columns
    if fmt == "json":
        text = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "unified":
        text = "".join(render_unified(e, kind_filter) for s in result.stories for e in s.tree) or _no_story(result)
    elif fmt == "table":
        text = "".join(
            f"Story {n + 1} (pivot: {s.tree_root})\n" + render_variant_table(story_variant_table(result, s, settings), cols)
            for n, s in enumerate(result.stories)
        ) or _no_story(result)
    elif fmt == "dot":
        from .render.dot import render_dot

        text = render_dot(result)
    elif fmt == "html":
        from .render.html import render_trace_html

        text = render_trace_html(result)
    else:
        show_diffs = diffs if diffs is not None else len(docs) == 2
        text = render_trace_text(result, width=cols, color=colored, diffs=show_diffs, kinds=kind_filter)
    write_output(text, output, color=colored)


def _filter_trace(result, kinds):
    from dataclasses import replace as dc_replace

    stories = tuple(
        dc_replace(s, tree=tuple(dc_replace(e, edits=tuple(x for x in e.edits if x.kind in kinds)) for e in s.tree))
        for s in result.stories
    )
    return dc_replace(result, stories=stories)


def _no_story(result) -> str:
    return "no shared wire text: " + ", ".join(d.id for d in result.documents) + "\n"



_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson")


def _progress(quiet: bool):
    """A progress callback writing one updating line to stderr, only on a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def report(stage: str, done: int, total: int | None = None):
        end = "\n" if total is not None and done >= total else ""
        click.echo(f"\r{stage}: {done:,}" + (f"/{total:,}" if total else ""), err=True, nl=False)
        if end:
            click.echo("", err=True)

    return report


def documents_from_index(db: str, ids: tuple[str, ...]) -> list[Document]:
    """The documents ``ids`` of the index ``db``, with their stored metadata; errors raise InputFailure."""
    from .archive.index import DocumentNotFound

    if not Path(db).is_file() or not _is_index(db):
        raise InputFailure(f"{db}: not an index (build one with `provenance index add`)")
    seen: set[str] = set()
    for doc_id in ids:
        if doc_id in seen:
            raise InputFailure(f"{doc_id}: given twice")
        seen.add(doc_id)
    with _open_index(db) as idx:
        try:
            return [idx.get_document(i) for i in ids]
        except DocumentNotFound as exc:
            raise InputFailure(f"{exc.args[0]}: no such document in {db}") from None


def _open_index(db: str, k: int | None = None, sample: int | None = None, *, write: bool = False):
    """The index ``db``, read-only unless ``write`` (then created if missing); errors raise InputFailure."""
    from .archive.index import Index, IndexFileError

    try:
        return Index.open(db, k=k, sample=sample, readonly=not write)
    except IndexFileError as exc:
        raise InputFailure(str(exc)) from None


@cli.group()
def index():
    """An embedded SQLite index of articles and their shingle fingerprints, for archives."""


_LINES_PER_UNIT = 256


def _work_units(paths: tuple[str, ...], input_format: str):
    """Units of reading work, in input order: one file, or 256 lines of a JSON Lines archive.

    An input that cannot be read becomes a ``("bad", name, 0, message)`` unit, so that the caller
    decides whether to skip it or stop (``--strict``)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _ARTICLE_SUFFIXES)
            if not files:
                raise InputFailure(f"{name}: no article files (.txt, .html, .htm, .jsonl) in this directory")
            yield from _work_units(tuple(str(p) for p in files), input_format)
        elif path.suffix.lower() in (".jsonl", ".ndjson") or input_format == "jsonl":
            if not path.exists():
                yield ("bad", name, 0, f"{name}: no such file")
                continue
            try:
                yield from _jsonl_units(name, path)
            except InputFailure as exc:
                yield ("bad", name, 0, exc.format_message())
        else:
            yield ("file", name, 1, None)


def _jsonl_units(name: str, path: Path):
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
        raise InputFailure(f"{name}: not UTF-8 text (JSON Lines must be UTF-8)") from None
    if chunk:
        yield ("jsonl", name, first, "".join(chunk))
    if not records:
        raise InputFailure(f"{name}: file is empty" if not n else f"{name}: holds no records (only blank lines)")


def _prepare_unit(unit, input_format: str, settings: Settings, k: int, sample: int):
    """Index entries and warnings of one work unit; runs in a worker process (tokenizing is the cost)."""
    import re

    from .archive.index import prepare_entry
    from .inputs.formats import jsonl_to_documents

    kind, name, first, text = unit
    if kind == "bad":
        return [], [], text
    try:
        if kind == "jsonl":
            docs, warnings = jsonl_to_documents(name, text.rstrip("\n")), []
        else:
            docs, warnings = _load(name, _read_bytes(name, settings), input_format, settings)
    except InputFailure as exc:
        return [], [], exc.format_message()
    except InputError as exc:
        # line numbers are relative to the unit: shift them back to the file's
        message = re.sub(rf"^{re.escape(name)}:(\d+):", lambda m: f"{name}:{int(m.group(1)) + first - 1}:", str(exc))
        if kind == "jsonl":
            # a malformed record inside an archive stops the add at its line: skipping the
            # 256-line unit around it would silently lose good records
            raise InputFailure(message) from None
        return [], [], message
    return [prepare_entry(d, k, sample) for d in docs], warnings, None


def _ordered_parallel(func, items, jobs: int):
    """``map(func, items)`` over ``jobs`` processes, in order, with a bounded number in flight (streams)."""
    if jobs <= 1:
        yield from map(func, items)
        return
    from collections import deque

    pool = _worker_pool(jobs)
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
        # busy ones when their unit is done (or with this process, see _worker_init)
        pool.shutdown(wait=False, cancel_futures=True)


def _worker_pool(jobs: int):
    """A process pool whose workers die with this process (see :func:`_worker_init`)."""
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(jobs, initializer=_worker_init, initargs=(os.getpid(),))


def _worker_init(parent: int) -> None:
    """Make a pool worker exit when its parent dies, even by SIGKILL: on Linux the kernel sends it
    SIGTERM (``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread polls ``os.getppid()``."""
    import signal

    # a forked worker inherits the parent's SIGTERM handler (_sigterm_interrupts), which would
    # turn the death signal into an exception the pool reports and survives
    signal.signal(signal.SIGTERM, signal.SIG_DFL)

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl failed")
        ok = True
    except (OSError, AttributeError):
        ok = False
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    if not ok:
        import threading
        import time

        def watch():
            while os.getppid() == parent:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()


class _sigterm_interrupts:
    """Within this block, SIGTERM raises KeyboardInterrupt in the main thread: pools are shut
    down and open transactions rolled back on the way out, as for Ctrl-C."""

    def __enter__(self):
        import signal
        import threading

        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self._raise)
        return self

    @staticmethod
    def _raise(signum, frame):
        raise KeyboardInterrupt

    def __exit__(self, *exc):
        import signal

        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)


def _add_inputs(idx, paths, input_format: str, jobs: int | None, progress, batch_size: int = 500,
                settings: Settings = DEFAULT_SETTINGS, strict: bool = False):
    """Add FILES, DIRs and JSONL archives to ``idx``: read and fingerprinted in ``jobs`` processes.

    An input that cannot be read is skipped with one warning (``strict``: stops with its error).
    Returns ``(AddReport, number of inputs skipped)``."""
    from functools import partial

    prepare = partial(_prepare_unit, input_format=input_format, settings=settings, k=idx.k, sample=idx.sample)
    skipped = 0
    # one named file: its error is the command's error (one line), there is nothing else to add
    strict = strict or (len(paths) == 1 and not Path(paths[0]).is_dir())

    def entries():
        nonlocal skipped
        for found, warnings, error in _ordered_parallel(prepare, _work_units(paths, input_format), jobs or os.cpu_count() or 1):
            for warning in warnings:
                click.echo(f"provenance: warning: {warning}", err=True)
            if error:
                if strict:
                    raise InputFailure(error)
                skipped += 1
                click.echo(f"provenance: warning: {error}; skipped", err=True)
            yield from found

    report = idx.add_entries(entries(), batch_size=batch_size,
                             progress=(lambda n: progress("indexed", n)) if progress else None)
    if skipped and not report.total:
        raise InputFailure(f"no input could be read ({skipped} skipped)")
    return report, skipped


@index.command("add")
@click.argument("db")
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto", show_default=True)
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Documents per committed transaction.")
@click.option("--jobs", type=click.IntRange(1, 512), default=None,
              help="Processes that read and fingerprint the inputs (default: the number of CPUs).")
@click.option("--shingle-words", "k", type=click.IntRange(2, 12), default=None,
              help="Words per shingle for a new index (default 5; 3 suits short OCR passages).")
@click.option("--sample", type=click.IntRange(1, 64), default=None,
              help="Keep 1 in N shingles for a new index (default 8).")
@click.option("--max-size", type=int, default=DEFAULT_SETTINGS.input.max_bytes // 2**20, show_default=True,
              help="Largest input file accepted, in MiB (0: no limit).")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read (default: skip it with a warning).")
def index_add(db, paths, quiet, input_format, batch_size, jobs, k, sample, max_size, strict):
    """Add FILES, DIRectories or JSONL archives to the index DB (created if missing). Re-adding an
    unchanged document is a no-op; a changed one is replaced. An interrupted add keeps every
    committed batch."""
    progress = _progress(quiet)
    created, empty = not os.path.exists(db), False
    try:
        with _sigterm_interrupts(), _open_index(db, k, sample, write=True) as idx:
            try:
                report, skipped = _add_inputs(idx, paths, input_format, jobs, progress, batch_size,
                                              settings_from(max_size), strict)
            except InputFailure:
                empty = created and len(idx) == 0
                raise
    except InputFailure:
        if empty:  # a failed first add leaves no empty index behind
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
        raise
    if progress:
        click.echo("", err=True)
    click.echo(f"{db}: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged"
               + (f", {skipped} input{'' if skipped == 1 else 's'} skipped" if skipped else ""))


@index.command("query")
@click.argument("db")
@click.argument("article")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--max-size", type=int, default=DEFAULT_SETTINGS.input.max_bytes // 2**20, show_default=True,
              help="Largest input file accepted, in MiB (0: no limit).")
def index_query(db, article, limit, fmt, max_size):
    """Who reprinted ARTICLE? The indexed documents that share wire text with it, ranked, with the
    shared figures and derivation of each."""
    import json

    from tabulate import tabulate

    from .align.aligner import align_documents
    from .edits.classify import classify_edits
    from .render.text import safe
    from .lineage.measures import derived_label, related

    with _open_index(db) as idx:  # before reading ARTICLE: a missing index is the first error
        (doc,) = read_documents((article,), settings_from(max_size))
        rows = []
        for cand in idx.candidates_for(doc):
            if cand.doc_id == doc.id:
                continue
            other = idx.get_document(cand.doc_id)
            al = align_documents(doc, other)
            if not related(al):
                continue
            rows.append({"id": other.id, "outlet": other.meta.get("outlet"), "date": other.meta.get("date"),
                         "shared_query": round(al.shared_parent(), 4), "shared_document": round(al.shared_child(), 4),
                         "derived": derived_label(al, classify_edits(al))})
    rows.sort(key=lambda r: (-r["shared_query"], r["id"]))
    rows = rows[:limit]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif rows:
        click.echo(tabulate([[safe(r["id"]), safe(r["outlet"] or ""), r["date"] or "", f"{r['shared_query']:.0%}",
                              f"{r['shared_document']:.0%}", r["derived"]] for r in rows],
                            headers=["document", "outlet", "date", "of query in it", "of it from query", "derived"]))
    else:
        click.echo(f"no indexed document shares wire text with {safe(article)}")


@index.command("stats")
@click.argument("db")
def index_stats(db):
    """Counts and size of the index DB."""
    from tabulate import tabulate

    with _open_index(db) as idx:
        s = idx.stats()
    click.echo(tabulate([["documents", f"{s.documents:,}"], ["outlets", f"{s.outlets:,}"],
                         ["shingle postings", f"{s.shingles:,}"], ["size on disk", f"{s.bytes_on_disk / 2**20:.1f} MiB"],
                         ["dates", f"{s.first_date or '-'} .. {s.last_date or '-'}"],
                         ["fingerprint", f"word {s.k}-grams, 1 in {s.sample}"], ["journal", s.journal_mode]],
                        tablefmt="plain"))


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write clusters as JSON Lines here (atomically); the summary goes to stdout.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Run on a local Dask cluster with N worker processes.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", help="Run on an existing Dask cluster.")
@click.option("--jobs", type=click.IntRange(1, 512), default=None,
              help="Local worker processes when not on Dask (default: the number of CPUs).")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--min-shared", type=click.IntRange(1), default=4, show_default=True, help="Sampled shingles two documents must share to be compared.")
@click.option("--min-share", type=click.FloatRange(0.0, 1.0), default=None,
              help="Share of a document that must align with another for the two to join a cluster "
                   f"(default: none for pairs the reuse model finds derived, "
                   f"{DEFAULT_SETTINGS.lineage.related_min_shared} for verbatim passages); "
                   "raise it (e.g. 0.4) where notices share formula text and chain into large clusters.")
@click.option("--shingle-words", "k", type=click.IntRange(2, 12), default=None,
              help="Words per shingle for a new index (default 5; 3 suits short OCR passages).")
@click.option("--sample", type=click.IntRange(1, 64), default=None,
              help="Keep 1 in N shingles for a new index (default 8).")
@click.option("--max-size", type=int, default=DEFAULT_SETTINGS.input.max_bytes // 2**20, show_default=True,
              help="Largest input file accepted, in MiB (0: no limit).")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read (default: skip it with a warning).")
def cluster(inputs, output, workers, scheduler, jobs, quiet, min_shared, min_share, k, sample, max_size, strict):
    """Find every cluster of documents sharing wire text in an index DB (or in FILES, DIRs or JSONL,
    indexed into a temporary database first). Each cluster gets its source, copy tree and per-member
    figures, as one `stories` entry of the trace JSON schema per line."""
    import json

    from .archive.cluster import IndexLoader, cluster_records
    from .render.cluster_summary import ClusterSummary, render_cluster_summary

    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    progress = _progress(quiet)
    with _sigterm_interrupts(), tempfile.TemporaryDirectory(prefix="provenance-") as tmp:
        if len(inputs) == 1 and _is_index(inputs[0]):
            db = inputs[0]
        else:
            db = str(Path(tmp) / "index.db")
            with _open_index(db, k, sample, write=True) as idx:
                _add_inputs(idx, inputs, "auto", jobs, progress, settings=settings_from(max_size), strict=strict)
        with _open_index(db) as idx:
            pairs = list(idx.candidate_pairs(min_shared=min_shared))
        loader = IndexLoader(str(Path(db).resolve()))
        summary = ClusterSummary()
        # one cluster at a time: each line is written as soon as its cluster is traced
        with _mapper(workers, scheduler, jobs) as mapper, _line_sink(output) as emit:
            settings = (DEFAULT_SETTINGS if min_share is None else
                        DEFAULT_SETTINGS.with_options(related_min_shared=min_share, reuse_min_aligned=min_share))
            for record in cluster_records(pairs, loader, settings, mapper=mapper, progress=progress):
                summary.add(record)
                emit(json.dumps(record.story, ensure_ascii=False) + "\n")
    click.echo(render_cluster_summary(summary), nl=False)


class _line_sink:
    """Lines to stdout, or to ``output`` through a temporary file renamed into place at the end."""

    def __init__(self, output: str | None):
        self.output, self.fh, self.tmp = output, None, None

    def __enter__(self):
        if not self.output or self.output == "-":
            return lambda line: click.echo(line, nl=False)
        target = Path(self.output)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
        self.fh = os.fdopen(fd, "w", encoding="utf-8")
        return self.fh.write

    def __exit__(self, exc_type, *exc):
        if self.fh is None:
            return
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.output)
        else:
            Path(self.tmp).unlink(missing_ok=True)


_INDEX_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _is_index(path: str) -> bool:
    """Whether ``path`` is named as an index: an SQLite file, or a name ending in .db/.sqlite (a
    missing or non-SQLite one then fails as an index, exit 2, instead of being read as an article)."""
    from .archive.index import is_sqlite_file

    return Path(path).suffix.lower() in _INDEX_SUFFIXES or (Path(path).is_file() and is_sqlite_file(path))


class _mapper:
    """A process pool locally; on Dask, ``client.map`` + ``gather``. Results come in input order."""

    def __init__(self, workers, scheduler, jobs=None):
        self.workers, self.scheduler, self.client, self.cluster = workers, scheduler, None, None
        self.jobs, self.pool = jobs or os.cpu_count() or 1, None

    def __enter__(self):
        if not (self.workers or self.scheduler):
            if self.jobs == 1:
                return map
            self.pool = _worker_pool(self.jobs)
            pool = self.pool
            return lambda func, items: pool.map(func, items, chunksize=16)
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InputFailure("Dask is not installed: pip install 'provenance[dask]'") from None
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise InputFailure(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        client = self.client
        return lambda func, items: client.gather(client.map(func, list(items), pure=False))

    def __exit__(self, *exc):
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
        if self.client:
            self.client.close()
        if self.cluster:
            self.cluster.close()



@cli.command()
@click.argument("source")
@click.argument("reprints", nargs=-1, required=True)
@click.option("--policy", "policy_file", type=click.Path(dir_okay=False), default=None,
              help="TOML policy: per-kind fail/warn/allow, credited agency names, largest share of the source "
                   "a reprint may cut (see examples/policy.toml).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "junit", "github", "html"]), default="text",
              show_default=True, help="Report format: text for people, json, junit (CI test reports), github "
                                      "(workflow annotations), html (a report page).")
@click.option("--width", type=click.IntRange(40, 1000), default=None, help="Output width (default: the terminal's).")
@common_options
def check(source, reprints, policy_file, fmt, width, color, output, input_format, max_size):
    """Check that each REPRINT is faithful to SOURCE: fail when words inside quotes, numbers or
    negations change, when the agency credit is gone from the whole reprint, or when a "reprint"
    shares no wire text with the source; warn on dropped datelines, cut tails and deleted paragraphs.
    Exit 0 when all pass, 1 when any fails, 2 on bad input."""
    import shutil

    from .check.fidelity import check_reprints
    from .check.policy import DEFAULT_POLICY, PolicyError, load_policy
    from .render.check_report import render_check_github, render_check_json, render_check_junit, render_check_text

    policy = DEFAULT_POLICY
    if policy_file:
        try:
            policy = load_policy(_read_bytes(policy_file, DEFAULT_SETTINGS).decode("utf-8-sig"), policy_file)
        except UnicodeDecodeError:
            raise InputFailure(f"{policy_file}: a policy file must be UTF-8 text") from None
        except PolicyError as exc:
            raise InputFailure(str(exc).splitlines()[0]) from None
    settings = settings_from(max_size)
    sources = read_documents((source,), settings, input_format)
    if len(sources) != 1:
        raise InputFailure(f"{source}: holds {len(sources)} articles; the source must be one article")
    # read apart from the source, so that a hook passing the source among the changed files still works
    copies = read_documents(reprints, settings, input_format)
    if not copies:
        raise InputFailure("the reprint files hold no article to check")
    results = check_reprints(sources[0], copies, policy, settings)
    colored = use_color(color) and not output
    if fmt == "json":
        text = render_check_json(results)
    elif fmt == "junit":
        text = render_check_junit(results)
    elif fmt == "github":
        text = render_check_github(results)
    elif fmt == "html":
        from .render.html import render_check_html

        text = render_check_html(results)
    else:
        text = render_check_text(results, width or shutil.get_terminal_size((100, 24)).columns, colored)
    write_output(text, output, color=colored)
    if not all(r.passed for r in results):
        sys.exit(EXIT_FAILED)


def main(argv=None):
    """Console-script entry point."""
    cli.main(args=argv, prog_name="provenance")
