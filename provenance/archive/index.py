"""An embedded SQLite index of documents and their fingerprints, for finding reprints at archive scale.

Public API::

    with Index.open("archive.db") as index:             # creates the file if it does not exist
        report = index.add_documents(docs)              # AddReport(added, replaced, unchanged)
        index.candidates_for(doc)                       # [Candidate(doc_id, shared), ...], best first
        for a, b, shared in index.candidate_pairs():    # every pair sharing enough shingles
            ...
        index.get_document("afp-123")                   # Document, re-tokenized from the stored text
        index.stats()                                   # IndexStats

Storage (schema version :data:`SCHEMA_VERSION`; WAL journal, foreign keys on):

* ``documents``: one row per document id with its text, SHA-256 ``digest`` of the text, metadata
  columns (``outlet``, ``date``, ``url``, ``title`` and the whole ``meta`` as JSON), ``n_tokens``,
  ``added_at`` and its ``fingerprint`` (the sampled hashes, packed little-endian int64).
  ``key INTEGER PRIMARY KEY`` is the row's stable integer key and ``id`` is ``UNIQUE``; the
  integer key is what shingle rows point to (an implicit rowid could be renumbered by ``VACUUM``).
* ``shingles(hash, doc)``: the posting lists, a ``WITHOUT ROWID`` table clustered by
  ``(hash, doc)``, i.e. it *is* the index on ``hash``.
* ``pending_shingles(doc, hash)``: postings of documents added since the last merge, clustered by
  document so that appending them is sequential. Inserting straight into the hash-ordered table
  touches a random page per row and rewrites most of the table at every commit (measured: 100 s
  for 100k documents, growing quadratically); moving pending postings over in one sorted
  ``INSERT ... ORDER BY hash`` takes seconds. The merge runs at the end of each add and, if an add
  was interrupted, before the next query.
* ``schema_version`` and ``index_info`` (``k``, ``sample``, ``fingerprint_version``,
  ``char_fingerprint_version``): fingerprint parameters are fixed when the index is created.

Invariants: for every document, its rows in ``shingles`` plus ``pending_shingles`` are exactly the
hashes of its stored ``fingerprint``, which is :func:`provenance.archive.fingerprint.fingerprint` of its
stored text. Every add is a sequence of batches, each committed atomically (documents and postings
together), so an interrupted add (exception, ``KeyboardInterrupt``, ``kill -9``) keeps every
committed batch and leaves a consistent index; running the same add again skips what is already
there and ends with the same contents as an uninterrupted run. ``synchronous=NORMAL`` makes commits
durable against process crashes; a power failure may lose the last commits, never consistency.

The index never prints; long operations report progress through an optional callback.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import sys
from array import array
from contextlib import contextmanager, suppress
from urllib.parse import quote
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from ..inputs.documents import make_document
from .charshingles import CHAR_FINGERPRINT_VERSION, char_fingerprint
from .fingerprint import FINGERPRINT_VERSION, fingerprint
from ..model import Document
from ..settings import DEFAULT_SETTINGS

__all__ = [
    "Index",
    "IndexEntry",
    "AddReport",
    "IndexStats",
    "Candidate",
    "CandidatePair",
    "IndexFileError",
    "DocumentNotFound",
    "prepare_entry",
    "is_sqlite_file",
    "text_digest",
    "SCHEMA_VERSION",
    "DEFAULT_K",
    "DEFAULT_SAMPLE",
]

#: Version of the table layout below; an index with another version is refused (a version-1
#: index has no character fingerprints and must be rebuilt: its stored texts are kept, but
#: rewriting every row in place would be a silent hour-long migration at archive scale).
#: 2: ``documents.char_fingerprint`` (winnowed character shingles, :mod:`.charshingles`).
SCHEMA_VERSION = 2
#: Shingle length in words for new indexes.
DEFAULT_K = 5
#: One shingle hash in ``DEFAULT_SAMPLE`` is kept, for new indexes.
DEFAULT_SAMPLE = 8

#: Metadata keys that get their own column (the whole ``meta`` is kept as JSON as well).
META_COLUMNS = ("outlet", "date", "url", "title")

_SCHEMA = """
CREATE TABLE schema_version (
    version INTEGER NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE index_info (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE documents (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    digest TEXT NOT NULL,
    outlet TEXT,
    date TEXT,
    url TEXT,
    title TEXT,
    text TEXT NOT NULL,
    n_tokens INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    fingerprint BLOB NOT NULL,
    char_fingerprint BLOB NOT NULL DEFAULT x'',
    added_at TEXT NOT NULL
);
CREATE TABLE shingles (
    hash INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(key),
    PRIMARY KEY (hash, doc)
) WITHOUT ROWID;
CREATE TABLE pending_shingles (
    doc INTEGER NOT NULL REFERENCES documents(key),
    hash INTEGER NOT NULL,
    PRIMARY KEY (doc, hash)
) WITHOUT ROWID;
"""


class IndexFileError(Exception):
    """The file is not a usable index: not SQLite, not ours, too new, or other fingerprint settings."""


def _journal_mode_wal(conn: sqlite3.Connection, busy_timeout: float) -> str:
    """``PRAGMA journal_mode = WAL``, retried while another process holds the lock: SQLite does not
    call the busy handler for this change, so two adds creating one new index at once failed with
    "database is locked" instead of waiting ``busy_timeout`` as every other write does."""
    import time

    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            return conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


@contextmanager
def _closed_on_error(conn: sqlite3.Connection, path) -> Iterator[None]:
    """Close ``conn`` if the block raises; a database error becomes a one-line "not an index"."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "readonly" in str(exc).replace("-", "").replace(" ", ""):
            # an index that cannot be written here (file or directory read-only): it is one
            raise IndexFileError(f"{path}: cannot write to the index (read-only here)") from None
        if "locked" in str(exc):  # another process kept it past the busy timeout: an index all the same
            raise IndexFileError(f"{path}: the index is busy (another process holds its lock); try again") from None
        raise IndexFileError(f"{path}: not an index ({exc})") from None
    except BaseException:
        conn.close()
        raise


_SQLITE_HEADER = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """IndexFileError unless ``path`` is a regular file starting with SQLite's 16-byte header (read,
    never written). A FIFO or a device is refused before it is opened: opening a FIFO with no
    writer waits forever."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise IndexFileError(f"{path}: not an index (not a regular file)")
        with open(path, "rb") as fh:
            header = fh.read(16)
    except IsADirectoryError:
        raise IndexFileError(f"{path}: is a directory, not an index") from None
    except OSError as exc:
        raise IndexFileError(f"{path}: cannot read ({exc.strerror})") from None
    if header != _SQLITE_HEADER:
        raise IndexFileError(f"{path}: not an index (not an SQLite database)")


def is_sqlite_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a regular file starting with SQLite's header."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the open
            return False
        with open(path, "rb") as fh:
            return fh.read(16) == _SQLITE_HEADER
    except OSError:
        return False


class DocumentNotFound(KeyError):
    """No document with this id in the index."""


@dataclass(frozen=True)
class AddReport:
    """What an add did, one count per input document: ``added + replaced + unchanged`` documents.

    ``replaced`` counts documents whose id was indexed with another text or other metadata.
    """

    added: int = 0
    replaced: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.unchanged

    def __add__(self, other: AddReport) -> AddReport:
        return AddReport(
            self.added + other.added, self.replaced + other.replaced, self.unchanged + other.unchanged
        )


@dataclass(frozen=True)
class IndexStats:
    """Sizes of an index. ``shingles`` counts posting rows (merged and pending); ``bytes_on_disk``
    sums the database file and its WAL and shared-memory files. Dates are the smallest and largest
    ``date`` metadata strings (``None`` if no document has one)."""

    documents: int
    shingles: int
    pending_shingles: int
    outlets: int
    bytes_on_disk: int
    k: int
    sample: int
    schema_version: int
    journal_mode: str
    first_date: str | None
    last_date: str | None


class Candidate(NamedTuple):
    """An indexed document sharing ``shared`` sampled shingles with the query document."""

    doc_id: str
    shared: int


class CandidatePair(NamedTuple):
    """Two indexed documents (``id_a`` first added before ``id_b``) sharing ``shared`` sampled shingles."""

    id_a: str
    id_b: str
    shared: int


@dataclass(frozen=True)
class IndexEntry:
    """Everything the index stores for one document, computed without the database.

    Made by :func:`prepare_entry`; small and picklable, so it can be computed in worker processes
    and passed to :meth:`Index.add_entries`. ``hashes`` is ``fingerprint(doc, k, sample)``.
    """

    id: str
    text: str
    digest: str
    n_tokens: int
    hashes: tuple[int, ...]
    k: int
    sample: int
    meta: dict = field(default_factory=dict, compare=False, hash=False)
    char_hashes: tuple[int, ...] = ()


def text_digest(text: str) -> str:
    """SHA-256 of the text's UTF-8 bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def prepare_entry(doc: Document, k: int = DEFAULT_K, sample: int = DEFAULT_SAMPLE) -> IndexEntry:
    """The :class:`IndexEntry` of ``doc`` (digest and fingerprint). Pure; linear in its tokens."""
    return IndexEntry(
        id=doc.id,
        text=doc.text,
        digest=text_digest(doc.text),
        n_tokens=len(doc.tokens),
        hashes=fingerprint(doc, k, sample),
        k=k,
        sample=sample,
        meta=dict(doc.meta),
        char_hashes=char_fingerprint(doc.text),
    )


def _pack(hashes: Iterable[int]) -> bytes:
    packed = array("q", hashes)
    if packed.itemsize != 8:  # pragma: no cover - every platform CPython supports has 8-byte "q"
        raise RuntimeError("array('q') is not 64-bit on this platform")
    return packed.tobytes() if sys.byteorder == "little" else _byteswapped(packed)


def _byteswapped(packed: array) -> bytes:  # pragma: no cover - big-endian hosts only
    packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> array:
    packed = array("q")
    packed.frombytes(blob)
    if sys.byteorder != "little":  # pragma: no cover
        packed.byteswap()
    return packed


def _meta_json(meta: dict) -> str:
    # sort_keys makes the JSON a canonical form, so equal metadata compares equal as text.
    return json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str)


def _meta_column(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    return None if value is None or value == "" else str(value)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Index:
    """An open index. Make one with :meth:`Index.open`; use it as a context manager to close it.

    One connection, not shared between threads. Several processes may open the same index; writes
    are serialised by SQLite (a writer waits up to ``busy_timeout`` seconds for another).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, k: int, sample: int, readonly: bool = False) -> None:
        self._conn = conn
        self.readonly = readonly
        self.path = path
        self.k = k
        self.sample = sample

    # ----------------------------------------------------------------- opening and closing

    @classmethod
    def open(
        cls,
        path: str | os.PathLike,
        *,
        k: int | None = None,
        sample: int | None = None,
        readonly: bool = False,
        busy_timeout: float = 30.0,
        cache_mib: int = 64,
    ) -> Index:
        """Open the index at ``path``; for writing, create it if the file does not exist or is empty.

        ``k`` and ``sample`` set the fingerprint of a new index (defaults :data:`DEFAULT_K`,
        :data:`DEFAULT_SAMPLE`); for an existing index they may be omitted and must match if given.
        ``busy_timeout`` is in seconds, ``cache_mib`` is SQLite's page cache in MiB.
        Raises :class:`IndexFileError` if the file is not a usable index, before anything is
        written to it (another application's database is left byte for byte as it was).

        ``readonly`` opens an existing index for reading only (``mode=ro``), which works on a
        read-only filesystem (then with ``immutable=1``: nothing may write the index meanwhile)
        and creates no file: an index at rest is in rollback-journal mode (see :meth:`close`),
        so a reader needs no ``-wal``/``-shm`` files.
        """
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if readonly and not path.exists():
            raise IndexFileError(f"{path}: no such index")
        if exists or readonly:
            _check_header(path)
            conn = cls._connect_readonly(path, busy_timeout)
            with _closed_on_error(conn, path):
                stored = cls._read_schema(conn, path, k, sample, readonly)
            if readonly:
                return cls(conn, path, *stored, readonly=True)
            conn.close()
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout)
        except sqlite3.Error as exc:
            raise IndexFileError(f"{path}: cannot open index: {exc}") from None
        with _closed_on_error(conn, path):
            conn.execute("PRAGMA foreign_keys = ON")
            mode = _journal_mode_wal(conn, busy_timeout)
            if mode.lower() != "wal":
                raise IndexFileError(f"{path}: cannot use write-ahead logging (journal mode is {mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute(f"PRAGMA cache_size = {-1024 * int(cache_mib)}")
            # After a big merge the WAL holds a copy of most of the database; do not keep it around.
            conn.execute(f"PRAGMA journal_size_limit = {64 * 2**20}")
            k, sample = cls._init_schema(conn, path, k, sample)
        return cls(conn, path, k, sample)

    @staticmethod
    def _connect_readonly(path: Path, busy_timeout: float) -> sqlite3.Connection:
        """A ``mode=ro`` connection; ``immutable=1`` where SQLite cannot open it so (a read-only
        directory holding an index left in WAL mode: its shared-memory file cannot be made)."""
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        last = None
        for suffix in ("", "&immutable=1"):
            try:
                conn = sqlite3.connect(uri + suffix, uri=True, isolation_level=None, timeout=busy_timeout)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError as exc:
                last = exc
                with suppress(NameError, sqlite3.Error):
                    conn.close()
            except sqlite3.DatabaseError as exc:
                raise IndexFileError(f"{path}: not an index ({exc})") from None
        raise IndexFileError(f"{path}: cannot open index for reading ({last})")

    @staticmethod
    def _read_schema(conn: sqlite3.Connection, path: Path, k: int | None, sample: int | None, readonly: bool):
        """``(k, sample)`` of an existing index, read without writing; IndexFileError if not ours."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and not readonly:
            return None  # an SQLite file without tables: made an index by the writer
        if not tables:
            raise IndexFileError(f"{path}: an empty SQLite database, not a provenance index")
        if "schema_version" not in tables or "index_info" not in tables:
            raise IndexFileError(f"{path}: an SQLite database, but not a provenance index")
        return Index._check_info(conn, path, k, sample)

    @staticmethod
    def _init_schema(conn: sqlite3.Connection, path: Path, k: int | None, sample: int | None):
        conn.execute("BEGIN IMMEDIATE")
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                k = DEFAULT_K if k is None else k
                sample = DEFAULT_SAMPLE if sample is None else sample
                if k < 1 or sample < 1:
                    raise ValueError(f"an index needs k >= 1 and sample >= 1, got k={k}, sample={sample}")
                # Statement by statement: executescript() would commit the open transaction.
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                conn.execute("INSERT INTO schema_version VALUES (?, ?)", (SCHEMA_VERSION, _now()))
                conn.executemany(
                    "INSERT INTO index_info VALUES (?, ?)",
                    [
                        ("k", str(k)),
                        ("sample", str(sample)),
                        ("fingerprint_version", str(FINGERPRINT_VERSION)),
                        ("char_fingerprint_version", str(CHAR_FINGERPRINT_VERSION)),
                        ("created_at", _now()),
                    ],
                )
                conn.execute("COMMIT")
                return k, sample
            if "schema_version" not in tables or "index_info" not in tables:
                raise IndexFileError(f"{path}: an SQLite database, but not a provenance index")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return Index._check_info(conn, path, k, sample)

    @staticmethod
    def _check_info(conn: sqlite3.Connection, path: Path, k: int | None, sample: int | None):
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if version is None or version > SCHEMA_VERSION:
            raise IndexFileError(
                f"{path}: index schema version {version} is newer than this program's ({SCHEMA_VERSION})"
            )
        if version < SCHEMA_VERSION:
            raise IndexFileError(
                f"{path}: index schema version {version} is older than this program's ({SCHEMA_VERSION}, "
                "which adds character fingerprints); rebuild it with `provenance index add` into a new file"
            )
        info = dict(conn.execute("SELECT key, value FROM index_info"))

        def number(key: str, default=None) -> int:
            value = info.get(key, default)
            try:
                return int(value)
            except (TypeError, ValueError):
                raise IndexFileError(f"{path}: damaged index: {key} is {value!r}, not a number") from None

        stored_k, stored_sample = number("k"), number("sample")
        for key, ours, default, what in (
                ("fingerprint_version", FINGERPRINT_VERSION, 0, "fingerprint"),
                # an index made before the key existed holds version-1 (BLAKE2b) character hashes
                ("char_fingerprint_version", CHAR_FINGERPRINT_VERSION, 1, "character fingerprint")):
            theirs = number(key, default)
            if theirs > ours:
                raise IndexFileError(f"{path}: built with {what} version {theirs}, newer than this program's "
                                     f"({ours}); use a newer provenance")
            if theirs != ours:
                raise IndexFileError(f"{path}: built with {what} version {theirs}, this program uses {ours}; "
                                     "rebuild the index with `provenance index add` into a new file")
        if (k is not None and k != stored_k) or (sample is not None and sample != stored_sample):
            asked = ", ".join(f"{name}={value}" for name, value in (("k", k), ("sample", sample)) if value is not None)
            raise IndexFileError(f"{path}: index uses k={stored_k}, sample={stored_sample}; asked for {asked}")
        return stored_k, stored_sample

    def close(self) -> None:
        """Close the connection. Committed data is safe whether or not this is called.

        A writer puts the index back in rollback-journal mode when no other connection is open
        (which checkpoints and removes the ``-wal`` and ``-shm`` files), so that later readers,
        which open it ``mode=ro``, leave no files behind; with another connection open, the
        switch fails harmlessly and the index stays in WAL mode for it.
        """
        if not self.readonly:
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA busy_timeout = 0")  # another connection open: do not wait
                self._conn.execute("PRAGMA journal_mode = DELETE")
        self._conn.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- adding

    def add_documents(
        self,
        docs: Iterable[Document],
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> AddReport:
        """Add or update ``docs``, streaming, in transactions of ``batch_size`` documents.

        A document whose id is indexed with the same text and metadata is left alone (unchanged);
        one with another text replaces the old row and its shingles; other metadata alone updates
        the row. Later documents win over earlier ones with the same id. ``progress`` is called
        after each committed batch with the number of input documents processed so far.
        See the module docstring for what an interruption keeps.
        """
        return self.add_entries(
            (prepare_entry(doc, self.k, self.sample) for doc in docs), batch_size, progress
        )

    def add_entries(
        self,
        entries: Iterable[IndexEntry],
        batch_size: int = 500,
        progress: Callable[[int], None] | None = None,
    ) -> AddReport:
        """:meth:`add_documents` for entries prepared with :func:`prepare_entry` (maybe elsewhere).

        Raises ``ValueError`` for an entry made with other fingerprint settings than the index's.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        report = AddReport()
        done = 0
        batch: list[IndexEntry] = []
        for entry in entries:
            if entry.k != self.k or entry.sample != self.sample:
                raise ValueError(
                    f"{entry.id}: fingerprint made with k={entry.k}, sample={entry.sample}; "
                    f"the index uses k={self.k}, sample={self.sample}"
                )
            batch.append(entry)
            if len(batch) >= batch_size:
                report += self._write_batch(batch)
                done += len(batch)
                batch = []
                if progress is not None:
                    progress(done)
        if batch:
            report += self._write_batch(batch)
            done += len(batch)
            if progress is not None:
                progress(done)
        self._merge_pending()
        return report

    def _write_batch(self, batch: list[IndexEntry]) -> AddReport:
        conn = self._conn
        added = replaced = unchanged = 0
        now = _now()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for entry in batch:
                meta_json = _meta_json(entry.meta)
                row = conn.execute(
                    "SELECT key, digest, meta, fingerprint FROM documents WHERE id = ?", (entry.id,)
                ).fetchone()
                values = (
                    entry.digest,
                    *(_meta_column(entry.meta, c) for c in META_COLUMNS),
                    entry.text,
                    entry.n_tokens,
                    meta_json,
                    _pack(entry.hashes),
                    _pack(entry.char_hashes),
                    now,
                )
                if row is None:
                    key = conn.execute(
                        "INSERT INTO documents (digest, outlet, date, url, title, text, n_tokens, meta,"
                        " fingerprint, char_fingerprint, added_at, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, entry.id),
                    ).lastrowid
                    added += 1
                else:
                    key, digest, old_meta, old_fingerprint = row
                    if digest == entry.digest and old_meta == meta_json:
                        unchanged += 1
                        continue
                    conn.execute(
                        "UPDATE documents SET digest = ?, outlet = ?, date = ?, url = ?, title = ?,"
                        " text = ?, n_tokens = ?, meta = ?, fingerprint = ?, char_fingerprint = ?, added_at = ?"
                        " WHERE key = ?",
                        (*values, key),
                    )
                    replaced += 1
                    if digest == entry.digest:
                        continue  # metadata only: same text, same shingles
                    # The old postings are in one of the two tables, depending on whether they
                    # were merged; deleting from both by primary key is cheap either way.
                    conn.executemany(
                        "DELETE FROM shingles WHERE hash = ? AND doc = ?",
                        ((h, key) for h in _unpack(old_fingerprint)),
                    )
                    conn.execute("DELETE FROM pending_shingles WHERE doc = ?", (key,))
                conn.executemany(
                    "INSERT INTO pending_shingles (doc, hash) VALUES (?, ?)",
                    ((key, h) for h in entry.hashes),
                )
            conn.execute("COMMIT")
        except BaseException:
            # KeyboardInterrupt included: the batch is all or nothing.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return AddReport(added, replaced, unchanged)

    def _merge_pending(self) -> None:
        """Move pending postings into ``shingles`` in one sorted, atomic insert (see module doc)."""
        conn = self._conn
        if self.readonly or conn.execute("SELECT 1 FROM pending_shingles LIMIT 1").fetchone() is None:
            return
        # The rows only move between tables, and their references were checked when they were
        # added. Checking them again costs 4 times the move (measured: 53 s instead of 10 s for
        # 7.5M rows) and turns the DELETE's table truncation into a row-by-row delete. The pragma
        # is a no-op inside a transaction, hence outside it.
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT INTO shingles (hash, doc) SELECT hash, doc FROM pending_shingles ORDER BY hash, doc"
                )
                conn.execute("DELETE FROM pending_shingles")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")
        # Copy the merge into the database file now, so the WAL can be truncated and later
        # readers do not have to search a WAL the size of the database.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # ----------------------------------------------------------------- reading

    def __len__(self) -> int:
        return self._conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def __contains__(self, doc_id: object) -> bool:
        return (
            isinstance(doc_id, str)
            and self._conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None
        )

    def iter_ids(self) -> Iterator[str]:
        """Document ids in the order they were first added. Do not add while iterating."""
        cursor = self._conn.execute("SELECT id FROM documents ORDER BY key")
        for (doc_id,) in cursor:
            yield doc_id

    def get_document(self, doc_id: str) -> Document:
        """The stored document, re-tokenized, with its metadata. Raises :class:`DocumentNotFound`."""
        row = self._conn.execute("SELECT text, meta FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(doc_id)
        return make_document(doc_id, row[0], json.loads(row[1]))

    def char_fingerprint_sizes(self) -> list[int]:
        """The number of char hashes of every document (read from the blob lengths, not the blobs)."""
        return [n for (n,) in self._conn.execute("SELECT length(char_fingerprint) / 8 FROM documents")]

    def char_fingerprints(self, sample: int = 1) -> Iterator[tuple[str, str | None, int, array]]:
        """``(id, date, n_tokens, char hashes)`` of every document, earliest first (by ``date``,
        documents without one last, then in the order added): the order that ranks representatives
        and hubs. The hashes are :func:`provenance.archive.charshingles.char_fingerprint` of the text,
        those with ``h % sample == 0`` only (so an archive's sample is never held in full), as an
        ``array('q')``: 8 bytes a hash, where a tuple of ints takes ~40 (an archive's worth is held)."""
        cursor = self._conn.execute(
            "SELECT id, date, n_tokens, char_fingerprint FROM documents ORDER BY date IS NULL, date, key"
        )
        for doc_id, date, n_tokens, blob in cursor:
            hashes = _unpack(blob)
            yield doc_id, date, n_tokens, hashes if sample <= 1 else array("q", [h for h in hashes if not h % sample])

    def outlets(self) -> dict[str, str]:
        """``id -> outlet`` of every document that has an outlet."""
        return dict(self._conn.execute("SELECT id, outlet FROM documents WHERE outlet IS NOT NULL AND outlet != ''"))

    def get_digest(self, doc_id: str) -> str:
        """The SHA-256 hex digest of the stored text. Raises :class:`DocumentNotFound`."""
        row = self._conn.execute("SELECT digest FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DocumentNotFound(doc_id)
        return row[0]

    def candidates_for(
        self,
        doc: Document,
        min_shared: int = 4,
        posting_cap: int | None = None,
        common_min_share: float | None = None,
    ) -> list[Candidate]:
        """Indexed documents sharing at least ``min_shared`` sampled shingles with ``doc``.

        A shingle held by more than ``posting_cap`` indexed documents (default
        ``Settings.index_posting_cap``) is *common*: alone it is no evidence (boilerplate, stock
        phrases), but a much-reprinted story is made of nothing else. A document is a candidate
        when it shares ``min_shared`` uncommon shingles, or when all the shingles it shares
        (common ones included) are at least ``min_shared`` and at least ``common_min_share``
        (default ``Settings.index_common_min_share``) of the smaller of the two fingerprints: a
        reprint shares most of them, a shared footer a few. ``doc`` itself as indexed (its id and
        its text) is left out; an indexed document under its id with another text is not. Ranked
        by shared count, then id. Cost: one index probe per sampled shingle of
        ``doc``, reading its posting list, i.e. linear in the documents that share its shingles.
        """
        posting_cap = DEFAULT_SETTINGS.archive.index_posting_cap if posting_cap is None else posting_cap
        share = DEFAULT_SETTINGS.archive.index_common_min_share if common_min_share is None else common_min_share
        _check_thresholds(min_shared, posting_cap)
        self._merge_pending()
        conn = self._conn
        rare: Counter[int] = Counter()
        common: Counter[int] = Counter()
        query = fingerprint(doc, self.k, self.sample)
        for h in query:
            posting = [d for (d,) in conn.execute(f"SELECT doc FROM {self._postings()} WHERE hash = ?", (h,))]
            (rare if len(posting) <= posting_cap else common).update(posting)
        found = []
        lookup = "SELECT id, length(fingerprint) / 8 FROM documents WHERE key = ?"
        for key in rare.keys() | common.keys():
            shared = rare[key] + common[key]
            if shared < min_shared:
                continue
            doc_id, size = conn.execute(lookup, (key,)).fetchone()
            if doc_id == doc.id and self.get_document(doc_id).text == doc.text:
                continue  # the query itself, as indexed (a reused name with another text is not)
            if rare[key] >= min_shared or shared >= share * min(len(query), size):
                found.append(Candidate(doc_id, shared))
        found.sort(key=lambda c: (-c.shared, c.doc_id))
        return found

    def candidate_pairs(
        self, min_shared: int = 4, posting_cap: int | None = None, representatives: int | None = None
    ) -> Iterator[CandidatePair]:
        """Every pair of indexed documents sharing at least ``min_shared`` sampled shingles, where
        a common shingle pairs each of its documents with its representatives only.

        A shingle held by at most ``posting_cap`` documents (default ``Settings.index_posting_cap``)
        pairs all of them; a more common one pairs each of its documents with the shingle's
        ``representatives`` first-added documents (default ``Settings.index_representatives``).
        So copies of a story reprinted any number of times are still linked, each to a few early
        copies, and at most ``posting_cap * (posting_cap - 1) / 2`` pairs come from a rare
        shingle and ``representatives * n`` from a common one held by ``n`` documents: never all
        pairs. Pair counts are aggregated by SQLite's external sorter, so memory stays bounded by
        its cache whatever the archive size. Each pair appears once, ``id_a`` first added before
        ``id_b``. Do not add while iterating.
        """
        posting_cap = DEFAULT_SETTINGS.archive.index_posting_cap if posting_cap is None else posting_cap
        reps = DEFAULT_SETTINGS.archive.index_representatives if representatives is None else representatives
        _check_thresholds(min_shared, posting_cap)
        if reps < 1:
            raise ValueError(f"need representatives >= 1, got {reps}")
        self._merge_pending()
        # The representatives of a common shingle are its `reps` smallest keys; every other holder
        # has a larger key, so "y.doc > r.doc" links each holder to each representative once.
        postings = self._postings()
        cursor = self._conn.execute(
            f"""
            WITH counted(hash, n) AS (
                SELECT hash, count(*) FROM {postings} GROUP BY hash HAVING count(*) >= 2
            ),
            links(a, b) AS (
                SELECT x.doc, y.doc
                FROM counted
                JOIN {postings} AS x ON x.hash = counted.hash
                JOIN {postings} AS y ON y.hash = counted.hash AND y.doc > x.doc
                WHERE counted.n <= :cap
                UNION ALL
                SELECT r.doc, y.doc
                FROM counted
                JOIN {postings} AS r ON r.hash = counted.hash AND r.doc IN (
                    SELECT doc FROM {postings} WHERE hash = counted.hash ORDER BY doc LIMIT :reps)
                JOIN {postings} AS y ON y.hash = counted.hash AND y.doc > r.doc
                WHERE counted.n > :cap
            ),
            pairs(a, b, shared) AS (
                SELECT a, b, count(*) FROM links GROUP BY a, b HAVING count(*) >= :min
            )
            SELECT da.id, db.id, pairs.shared
            FROM pairs
            JOIN documents AS da ON da.key = pairs.a
            JOIN documents AS db ON db.key = pairs.b
            """,
            {"cap": posting_cap, "min": min_shared, "reps": reps},
        )
        for id_a, id_b, shared in cursor:
            yield CandidatePair(id_a, id_b, shared)

    def _postings(self) -> str:
        """The posting table to read: ``shingles``, or, in a read-only index that an interrupted
        add left with unmerged postings (a reader cannot merge them), both tables together."""
        if self.readonly and self._conn.execute("SELECT 1 FROM pending_shingles LIMIT 1").fetchone():
            return "(SELECT hash, doc FROM shingles UNION ALL SELECT hash, doc FROM pending_shingles)"
        return "shingles"

    def stats(self) -> IndexStats:
        """Counts and sizes (see :class:`IndexStats`). Reads the documents table once."""
        conn = self._conn
        documents, outlets, first_date, last_date = conn.execute(
            "SELECT count(*), count(DISTINCT outlet), min(date), max(date) FROM documents"
        ).fetchone()
        shingles = conn.execute("SELECT count(*) FROM shingles").fetchone()[0]
        pending = conn.execute("SELECT count(*) FROM pending_shingles").fetchone()[0]
        version = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        size = sum(
            os.path.getsize(p)
            for p in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm"))
            if os.path.exists(p)
        )
        return IndexStats(
            documents=documents,
            shingles=shingles + pending,
            pending_shingles=pending,
            outlets=outlets,
            bytes_on_disk=size,
            k=self.k,
            sample=self.sample,
            schema_version=version,
            journal_mode=mode,
            first_date=first_date,
            last_date=last_date,
        )


def _check_thresholds(min_shared: int, posting_cap: int) -> None:
    if min_shared < 1 or posting_cap < 2:
        raise ValueError(f"need min_shared >= 1 and posting_cap >= 2, got {min_shared}, {posting_cap}")
