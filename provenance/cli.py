"""The command-line interface: the only module that reads files, prints, or knows exit codes.

Each command parses its options, reads its inputs, makes one library call and renders the result.
Exit codes: 0 ok, 1 check failed, 2 usage or input error.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

# Only what every command needs is imported here: `provenance --help` must start fast. Each command
# imports the stages it uses.
from .cli_io import (EXIT_USAGE, InputFailure, file_identity, os_reason, output_writer, read_bytes, refuse_input_as_output,
                     silence_stdout, tell, write_output)
from .inputs import InputError
from .settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from .model import Document

EXIT_OK, EXIT_FAILED = 0, 1  # and EXIT_USAGE, 2 (cli_io)


def _stdin_once(paths) -> None:
    if list(paths).count("-") > 1:
        raise InputFailure("-: standard input given twice (it can be read once)")


def read_documents(paths: tuple[str, ...], settings: Settings, input_format: str = "auto") -> list[Document]:
    """Read each path (``-`` is stdin) into documents; warnings go to stderr, errors raise InputFailure."""
    from .inputs.formats import load_document

    docs: list[Document] = []
    seen: dict[str, str] = {}  # document id -> the input it came from
    files: dict[tuple[int, int], str] = {}  # (device, inode) -> the name it was first given as
    _stdin_once(paths)
    for name in paths:
        same = file_identity(name)
        if same is not None:
            if same in files:
                first = files[same]
                raise InputFailure(f"{name}: given twice" + ("" if first == name else f" (also as {first})"))
            files[same] = name
        try:
            loaded = load_document(name, read_bytes(name, settings.input.max_bytes), input_format=input_format,
                                   max_bytes=settings.input.max_bytes)
        except InputError as exc:
            raise InputFailure(str(exc)) from None
        for warning in loaded.warnings:
            tell(f"provenance: warning: {warning}")
        for doc in loaded.documents:
            if doc.id in seen:
                first = seen[doc.id]
                # a file given twice is caught above; here one id comes from two inputs (a record
                # of a .jsonl named as a file, or the same record id in two archives)
                raise InputFailure(f"{doc.id}: given twice" if first == name and doc.id == name
                                   else f"{name}: the id {doc.id!r} is already taken by {first}")
            seen[doc.id] = name
            docs.append(doc)
    return docs


def use_color(choice: str, stream=None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def max_size_option(func):
    """``--max-size``: the largest input accepted (``Settings.input.max_bytes``), for every command that reads articles."""
    return click.option("--max-size", type=click.IntRange(min=0), default=DEFAULT_SETTINGS.input.max_bytes // 2**20,
                        show_default=True, help="Largest input file accepted, in MiB (0: no limit).")(func)


def shingle_options(func):
    """``--shingle-words`` and ``--sample``: the word-shingle fingerprint of a new index (stored in it)."""
    func = click.option("--sample", type=click.IntRange(1, 64), default=None,
                        help="Keep 1 in N shingles for a new index (default 8).")(func)
    return click.option("--shingle-words", "k", type=click.IntRange(2, 12), default=None,
                        help="Words per shingle for a new index (default 5; 3 suits short OCR passages).")(func)


def common_options(func):
    """Options shared by the commands that read articles and render a report."""
    func = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
                        show_default=True, help="Colour the terminal output.")(func)
    func = click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
                        help="Write the report to this file (atomically) instead of stdout.")(func)
    func = click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto",
                        show_default=True, help="How to read the inputs (auto: by extension and content).")(func)
    return max_size_option(func)


def settings_from(max_size: int | None = None, min_share: float | None = None,
                  min_shared: int | None = None) -> Settings:
    """The one place the command line builds its :class:`Settings`, from whichever of these options
    a command has (None: the default): ``--max-size`` (MiB; 0: no limit), ``--min-share``
    (``archive.cluster_min_shared``), ``--min-shared`` (``archive.char_min_shared``).

    (``--shingle-words`` and ``--sample`` are not settings: they are the fingerprint a new index is
    created with and is stored in, see :func:`_open_index`.)
    """
    values: dict = {}
    if max_size is not None:
        values["max_bytes"] = max_size * 2**20
    if min_share is not None:
        values["cluster_min_shared"] = min_share
    if min_shared is not None:
        values["char_min_shared"] = min_shared
    return DEFAULT_SETTINGS.with_options(**values)


#: the index a command opened last (named in errors raised after it was opened, in any process):
#: one entry at most
_index_in_use: list[str] = []


def _index_failure(exc: BaseException) -> str | None:
    """The one-line message for an index that fails after it was opened (a page damaged on disk, the
    file replaced or deleted while a cluster runs: workers reopen it by path), or None for any other
    exception. sqlite3 is imported only here, when something failed."""
    import sqlite3

    from .archive.index import DocumentNotFound, IndexFileError

    db = _index_in_use[-1] if _index_in_use else "the index"
    if isinstance(exc, IndexFileError):
        return str(exc)
    if isinstance(exc, DocumentNotFound):
        return f"{db}: document {exc.args[0]!r} is no longer in the index (was it replaced while in use?)"
    if isinstance(exc, sqlite3.DatabaseError):
        return f"{db}: the index cannot be read ({exc}): damaged, or changed while in use"
    return None


def _pool_broken(exc: BaseException) -> bool:
    """Whether ``exc`` says a local worker process ended in the middle of the work."""
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)


def _exit_interrupted(exc: BaseException) -> None:
    """Exit 143 for SIGTERM (:class:`~provenance.archive.mapper.Terminated`), 130 for Ctrl-C: the
    shell's 128 + signal number, whichever command was stopped."""
    from .archive.mapper import Terminated

    # click turns a KeyboardInterrupt into Abort, raised from it
    if isinstance(exc, Terminated) or isinstance(exc.__cause__ or exc.__context__, Terminated):
        tell("provenance: terminated")
        sys.exit(143)
    tell("provenance: interrupted")
    sys.exit(130)


def _interrupted_or_worker_lost(exc: BaseException) -> None:
    """Exit for a pool whose worker ended: 130 when Ctrl-C did it, else a one-line error (2).

    Ctrl-C reaches the whole process group, and a worker leaves at once
    (:func:`provenance.archive.mapper.worker_init`): the pool can report its exit before this
    process's own KeyboardInterrupt is raised (a test saw exit 1 and this traceback), or the pool's
    shutdown on the way out of that KeyboardInterrupt raises the broken pool in its place (it is
    then in ``exc``'s context). A pending signal is given a quarter of a second to arrive."""
    import time

    seen, cause = set(), exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            _exit_interrupted(cause)
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    try:
        deadline = time.monotonic() + 0.25
        while time.monotonic() < deadline:
            time.sleep(0.01)
    except KeyboardInterrupt as interrupt:
        _exit_interrupted(interrupt)
    silence_stdout()
    tell("provenance: error: a worker process stopped in the middle of the work (killed, or out of memory)")
    sys.exit(EXIT_USAGE)


# click >= 8.2 raises this for a group called without a command; older clicks print the help themselves
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _Cli(click.Group):
    """A group whose errors are one line on stderr with exit code 2, under CliRunner too."""

    def main(self, args=None, prog_name=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name or "provenance", standalone_mode=False, **extra)
            if sys.stdout is not None:
                sys.stdout.flush()  # a full disk shows here, not at interpreter exit
        except _NO_ARGS_IS_HELP as exc:
            exc.show()  # bare `provenance` (or `provenance index`): just the help, exit 2 as click does
            sys.exit(exc.exit_code)
        except click.exceptions.UsageError as exc:
            # one line, not click's three-line usage block: CI logs and scripts read the first line
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            tell(f"provenance: error: {exc.format_message()}{hint}")
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            raise
        except OSError as exc:  # a write to stdout that failed outside output_writer
            silence_stdout()
            where = f"{exc.filename}: " if exc.filename else ""
            tell(f"provenance: error: {where}{os_reason(exc)}")
            sys.exit(EXIT_USAGE)
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            _exit_interrupted(exc)
        except MemoryError:
            # trace's comparison views take a few hundred bytes per character of input (README,
            # "Huge inputs"): say so in one line rather than with a traceback
            silence_stdout()
            tell("provenance: error: out of memory: the inputs are too large to compare here "
                 "(lower --max-size, or split them)")
            sys.exit(EXIT_USAGE)
        except Exception as exc:
            if _pool_broken(exc):
                _interrupted_or_worker_lost(exc)
            message = _index_failure(exc)
            if message is None:
                raise  # a bug: the traceback is what a report needs
            silence_stdout()
            tell(f"provenance: error: {message}")
            sys.exit(EXIT_USAGE)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


#: the widths ``--width`` accepts; the terminal's (or ``COLUMNS``) is held to them too: a
#: ``COLUMNS=99999`` in the environment made a two-article trace 12 MB of padding
WIDTH_RANGE = (40, 1000)


def _terminal_width() -> int:
    """The terminal's width (``COLUMNS`` first, 100 when unknown), held to :data:`WIDTH_RANGE`."""
    import shutil

    lo, hi = WIDTH_RANGE
    return max(lo, min(hi, shutil.get_terminal_size((100, 24)).columns))


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wire-provenance")
def cli():
    """Trace syndicated news text: which articles share wire text, which one is the original, who
    copied from whom, and what each outlet changed."""



def _parse_dates(values: tuple[str, ...]) -> dict[str, str]:
    from datetime import date, datetime

    out = {}
    for value in values:
        name, sep, day = value.partition("=")
        try:
            if not sep:
                raise ValueError
            try:
                date.fromisoformat(day)
            except ValueError:  # a date-time (versions of one day are ordered by it)
                datetime.fromisoformat(day)
        except ValueError:
            raise click.BadParameter(f"{value!r} is not FILE=YYYY-MM-DD (or FILE=an ISO date-time)",
                                     param_hint="--date") from None
        if out.get(name, day) != day:  # the second one silently won
            raise click.BadParameter(f"two dates for {name}: {out[name]} and {day}", param_hint="--date")
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
@click.option("--date", "dates", multiple=True, metavar="FILE=YYYY-MM-DD", help="Publication date (or ISO date-time) of a file (repeatable); evidence for the source, the order of versions.")
@click.option("--diff/--no-diff", "diffs", default=None, help="Show side-by-side diffs for every copy-tree edge (default: only for two files).")
@click.option("--width", type=click.IntRange(*WIDTH_RANGE), default=None, help="Output width in columns (default: the terminal's).")
@click.option("--index", "index_db", default=None, metavar="DB",
              help="Read FILES as document ids in this index (as `provenance cluster` prints them).")
@click.option("--versions/--copies", "versions", default=None,
              help="--versions: read FILES as versions of one text (the oldest is the one the others extend; "
                   "the tree is the version chain). --copies: as syndicated copies (a copy tree). "
                   "Default: decided per story (a chain of 4+ documents whose additions are kept later).")
@common_options
def trace(files, fmt, kinds, dates, diffs, width, color, output, input_format, max_size, index_db, versions):
    """Trace FILES: group them into stories, find each story's source and copy tree, and show what
    every reprint changed. With two files, shows a side-by-side diff of the reprint against its
    source. Reads - as standard input. Inputs: .txt, .html/.htm, .jsonl; with --index DB, the
    ids of indexed documents (a cluster's `documents`)."""
    from dataclasses import replace as dc_replace
    import json

    from .render.text import json_text, render_trace_text, render_unified, render_variant_table, safe
    from .lineage.story import story_variant_table, trace_documents

    kind_filter = _parse_kinds(kinds)
    date_of = _parse_dates(dates)
    refuse_input_as_output(output, (index_db,) if index_db else files)
    settings = settings_from(max_size)
    docs = documents_from_index(index_db, files) if index_db else read_documents(files, settings, input_format)
    unknown_dates = sorted(set(date_of) - {d.id for d in docs})
    if unknown_dates:
        raise click.BadParameter(f"{unknown_dates[0]} is not one of the FILES", param_hint="--date")
    docs = [dc_replace(d, meta={**d.meta, "date": date_of[d.id]}) if d.id in date_of else d for d in docs]
    result = complete = trace_documents(docs, settings, versions=versions)
    if kind_filter is not None:
        result = _filter_trace(result, kind_filter)
    colored = use_color(color) and not output
    cols = width or _terminal_width()
    if fmt == "json":
        text = json_text(result.to_json(), indent=2) + "\n"
    elif fmt == "unified":
        text = "".join(render_unified(e, kind_filter) for s in result.stories for e in s.tree) or _no_story(result)
    elif fmt == "table":
        text = "".join(
            f"Story {n + 1} (pivot: {safe(s.tree_root)})\n" + render_variant_table(story_variant_table(result, s, settings), cols)
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
        text = render_trace_text(result, width=cols, color=colored, diffs=show_diffs, kinds=kind_filter,
                                 complete=complete)
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



def _progress(quiet: bool):
    """A progress callback writing one updating line to stderr, only on a terminal."""
    if quiet or sys.stderr is None or not sys.stderr.isatty():
        return None

    def report(stage: str, done: int, total: int | None = None):
        end = "\n" if total is not None and done >= total else ""
        tell(f"\r{stage}: {done:,}" + (f"/{total:,}" if total else ""), nl=False)
        if end:
            tell("")

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

    _index_in_use[:] = [db]
    try:
        return Index.open(db, k=k, sample=sample, readonly=not write)
    except IndexFileError as exc:
        raise InputFailure(str(exc)) from None


@cli.group()
def index():
    """An embedded SQLite index of articles and their shingle fingerprints, for archives."""


def _add_to_index(idx, paths, settings: Settings, *, input_format: str = "auto", jobs: int | None = None,
                  progress=None, batch_size: int = 500, strict: bool = False):
    """:func:`provenance.archive.ingest.add_inputs` with the command line's reader; its warnings go to
    stderr, its errors raise InputFailure. Returns ``(AddReport, inputs skipped)``."""
    from .archive.ingest import IngestError, add_inputs

    try:
        return add_inputs(idx, paths, read_bytes, input_format=input_format, jobs=jobs, settings=settings,
                          strict=strict, batch_size=batch_size,
                          warn=lambda message: tell(f"provenance: warning: {message}"),
                          progress=(lambda n: progress("indexed", n)) if progress else None)
    except IngestError as exc:
        raise InputFailure(str(exc)) from None


@index.command("add")
@click.argument("db")
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl"]), default="auto", show_default=True)
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Documents per committed transaction.")
@click.option("--jobs", type=click.IntRange(1, 512), default=None,
              help="Processes that read and fingerprint the inputs (default: the number of CPUs).")
@shingle_options
@max_size_option
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read (default: skip it with a warning).")
def index_add(db, paths, quiet, input_format, batch_size, jobs, k, sample, max_size, strict):
    """Add FILES, DIRectories or JSONL archives to the index DB (created if missing). Re-adding an
    unchanged document is a no-op; a changed one is replaced. An interrupted add keeps every
    committed batch."""
    from .archive.mapper import sigterm_interrupts

    settings = settings_from(max_size)
    progress = _progress(quiet)
    created, empty = not os.path.exists(db), False
    try:
        with sigterm_interrupts(), _open_index(db, k, sample, write=True) as idx:
            try:
                report, skipped = _add_to_index(idx, paths, settings, input_format=input_format, jobs=jobs,
                                                progress=progress, batch_size=batch_size, strict=strict)
            except InputFailure:
                empty = created and len(idx) == 0
                raise
    except InputFailure:
        if empty:  # a failed first add leaves no empty index behind
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
        raise
    if progress:
        tell("")
    click.echo(f"{db}: {report.added} added, {report.replaced} replaced, {report.unchanged} unchanged"
               + (f", {skipped} input{'' if skipped == 1 else 's'} skipped" if skipped else ""))


@index.command("query")
@click.argument("db")
@click.argument("article")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Most documents listed.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@max_size_option
def index_query(db, article, limit, fmt, max_size):
    """Who reprinted ARTICLE? The indexed documents that share wire text with it, ranked, with the
    shared figures and derivation of each."""
    from .archive.query import query_index
    from .render.index_report import render_query_json, render_query_table

    settings = settings_from(max_size)
    with _open_index(db) as idx:  # before reading ARTICLE: a missing index is the first error
        docs = read_documents((article,), settings)
        if len(docs) != 1:
            raise InputFailure(f"{article}: holds {len(docs)} articles; the query must be one article")
        hits = query_index(idx, docs[0], limit, settings)
    click.echo(render_query_json(hits) if fmt == "json" else render_query_table(hits, article))


@index.command("stats")
@click.argument("db")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def index_stats(db, fmt):
    """Counts and size of the index DB."""
    from .render.index_report import render_index_stats, render_index_stats_json

    with _open_index(db) as idx:
        stats = idx.stats()
    click.echo(render_index_stats_json(stats) if fmt == "json" else render_index_stats(stats))


def _scheduler_address(ctx, param, value: str | None) -> str | None:
    """``--scheduler``: a Dask address ``[SCHEME://]HOST:PORT`` (checked here: Dask's own error
    for a bad one is a ValueError traceback, "missing port number")."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parsed = urlsplit(value if "://" in value else f"tcp://{value}")
    try:
        port = parsed.port
    except ValueError:
        port = None
    if not parsed.hostname or port is None or parsed.path not in ("", "/"):
        raise click.BadParameter(f"{value!r} is not an address like tcp://HOST:PORT", ctx, param)
    return value


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write clusters as JSON Lines here (atomically); the summary goes to stdout.")
@click.option("--workers", type=click.IntRange(1, 512), default=None, help="Run on a local Dask cluster with N worker processes.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", callback=_scheduler_address,
              help="Run on an existing Dask cluster.")
@click.option("--jobs", type=click.IntRange(1, 512), default=None,
              help="Local worker processes when not on Dask (default: the number of CPUs).")
@click.option("--quiet", is_flag=True, help="No progress on stderr.")
@click.option("--min-shared", type=click.IntRange(1), default=None,
              help=f"Character-shingle hashes two documents must share to be compared (default {DEFAULT_SETTINGS.archive.char_min_shared}, "
                   "divided by the archive's hash sample).")
@click.option("--min-share", type=click.FloatRange(0.0, 1.0), default=None,
              help="Also require this share of a document to align with another for the two to stay in a "
                   "cluster (default: none; the reuse model's P(derived) decides, so partial reprints stay).")
@shingle_options
@max_size_option
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be read (default: skip it with a warning).")
def cluster(inputs, output, workers, scheduler, jobs, quiet, min_shared, min_share, k, sample, max_size, strict):
    """Find every cluster of documents sharing wire text in an index DB (or in FILES, DIRs or JSONL,
    indexed into a temporary database first). Each cluster gets its source, copy tree and per-member
    figures, as one `stories` entry of the trace JSON schema per line."""
    import json

    from .archive.cluster import IndexLoader, char_sample_for, reuse_cluster_records
    from .archive.mapper import Mapper, MapperError, sigterm_interrupts
    from .render.cluster_summary import ClusterSummary, render_cluster_summary
    from .render.text import json_text

    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    refuse_input_as_output(output, inputs)
    settings = settings_from(max_size, min_share=min_share, min_shared=min_shared)
    progress = _progress(quiet)
    import tempfile  # not at start-up: only this command needs it

    with sigterm_interrupts(), tempfile.TemporaryDirectory(prefix="provenance-") as tmp:
        index = next((name for name in inputs if _is_index(name)), None)
        if index is not None and len(inputs) == 1:
            db = index
            if k is not None or sample is not None:
                # the fingerprint is the index's own, chosen when it was built: these would be ignored
                raise click.UsageError("--shingle-words and --sample set the fingerprint of a new index; "
                                       f"{index} has its own (see `provenance index stats {index}`)")
        elif index is not None:
            # an index among articles was skipped as "not text", and the run reported 0 clusters
            raise click.UsageError(f"{index} is an index: give it alone, or give only articles")
        else:
            db = str(Path(tmp) / "index.db")
            with _open_index(db, k, sample, write=True) as idx:
                _add_to_index(idx, inputs, settings, jobs=jobs, progress=progress, strict=strict)
        with _open_index(db) as idx:
            # the hash sample is chosen from this archive's fingerprint sizes, then applied as read
            sample = char_sample_for(idx.char_fingerprint_sizes())
            fingerprints = [(doc_id, hashes) for doc_id, _, _, hashes in idx.char_fingerprints(sample)]
            outlets = idx.outlets()
        loader = IndexLoader(str(Path(db).resolve()))
        summary = ClusterSummary()
        # one cluster at a time: each line is written as soon as its cluster is traced
        try:
            with Mapper(workers, scheduler, jobs) as mapper, output_writer(output) as emit:
                for record in reuse_cluster_records(fingerprints, loader, settings, mapper=mapper, progress=progress,
                                                    sample=sample, outlets=outlets):
                    summary.add(record)
                    emit(json_text(record.story) + "\n")
        except MapperError as exc:
            raise InputFailure(str(exc)) from None
    # the records on standard output are JSON Lines a program reads: the tables for people go to
    # standard error then, not after the last record
    click.echo(render_cluster_summary(summary), nl=False, err=output in (None, "-"))


_INDEX_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _is_index(path: str) -> bool:
    """Whether ``path`` is named as an index: an SQLite file, or a name ending in .db/.sqlite (a
    missing or non-SQLite one then fails as an index, exit 2, instead of being read as an article)."""
    from .archive.index import is_sqlite_file

    return Path(path).suffix.lower() in _INDEX_SUFFIXES or (Path(path).is_file() and is_sqlite_file(path))


@cli.command()
@click.argument("source")
@click.argument("reprints", nargs=-1, required=True)
@click.option("--policy", "policy_file", type=click.Path(dir_okay=False), default=None,
              help="TOML policy: per-kind fail/warn/allow, credited agency names, largest share of the source "
                   "a reprint may cut (see examples/policy.toml).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "junit", "github", "html"]), default="text",
              show_default=True, help="Report format: text for people, json, junit (CI test reports), github "
                                      "(workflow annotations), html (a report page).")
@click.option("--width", type=click.IntRange(*WIDTH_RANGE), default=None, help="Output width (default: the terminal's).")
@common_options
def check(source, reprints, policy_file, fmt, width, color, output, input_format, max_size):
    """Check that each REPRINT is faithful to SOURCE: fail when words inside quotes, numbers or
    negations change, when the agency credit is gone from the whole reprint, or when a "reprint"
    shares no wire text with the source; warn on dropped datelines, cut tails and deleted paragraphs.
    Exit 0 when all pass, 1 when any fails, 2 on bad input."""
    from .check.fidelity import check_reprints
    from .check.policy import DEFAULT_POLICY, PolicyError, load_policy
    from .render.check_report import render_check_github, render_check_json, render_check_junit, render_check_text

    refuse_input_as_output(output, (source, *reprints, policy_file))
    _stdin_once((policy_file, source, *reprints))
    settings = settings_from(max_size)
    policy = DEFAULT_POLICY
    if policy_file:
        try:
            policy = load_policy(read_bytes(policy_file, settings.input.max_bytes).decode("utf-8-sig"), policy_file)
        except InputError as exc:
            raise InputFailure(str(exc)) from None
        except UnicodeDecodeError:
            raise InputFailure(f"{policy_file}: a policy file must be UTF-8 text") from None
        except PolicyError as exc:
            raise InputFailure(str(exc).splitlines()[0]) from None
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
        text = render_check_text(results, width or _terminal_width(), colored)
    write_output(text, output, color=colored)
    if not all(r.passed for r in results):
        sys.exit(EXIT_FAILED)


def main(argv=None):
    """Console-script entry point (``python -m provenance`` too)."""
    # Exit is part of a command's cost (issue #12): the interpreter's final cyclic collection walks
    # every object still alive, which after a trace is every token, alignment and view (about 20 ms
    # of a 250 ms trace of three articles). Frozen objects are skipped by that walk; this process
    # ends here, so nothing is kept that would otherwise be freed. Not in cli.main: CliRunner tests
    # call that many times in one process.
    try:
        cli.main(args=argv, prog_name="provenance")
    finally:
        gc.freeze()
