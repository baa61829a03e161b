"""Rich inputs: saved HTML pages and JSON Lines archives, turned into documents.

Public API (pure functions: bytes or text in, values out, :class:`InputError` with a one-line
message on bad input; reading files is the CLI's job)::

    loaded = load_document("page.html", data)         # Loaded(documents, warnings), any format
    sniff_format("page.html", data)                   # "html", "jsonl" or "text"
    doc = html_to_document("page.html", data)         # Document with meta title/date/byline/outlet/url
    decoded = decode_html(data, "page.html")          # Decoded: declared charset, BOM, else detected
    article = extract_article(html_text)              # Article: headline, paragraphs and metadata
    docs = jsonl_to_documents("archive.jsonl", text)  # one Document per non-blank line
    for doc in iter_jsonl_documents("a.jsonl", fh):   # the same, streaming (a file object is lines)
        ...

Text of an HTML document: the headline (when the page has one), a blank line, then the body
paragraphs separated by blank lines. A blank line is always a paragraph break for
:mod:`provenance.text.segment`, whereas a single line break can be read as a soft wrap, and a ``<p>``
boundary is never a soft wrap.

Body extraction is trafilatura's (``favor_precision``: navigation, related-article lists and
newsletter boxes are dropped; the article body is kept whole on the seed pages and the extraction
benchmark, see ``benchmarks/bench_extraction.py``).
"""

from __future__ import annotations

import codecs
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import Iterable, Iterator

from .documents import Decoded, InputError, decode_bytes, is_iso_date, make_document
from ..model import Document, require

__all__ = [
    "Article",
    "Loaded",
    "INPUT_FORMATS",
    "decode_character_references",
    "decode_html",
    "markdown_link_text",
    "extract_article",
    "html_to_document",
    "iter_jsonl_documents",
    "jsonl_to_documents",
    "load_document",
    "sniff_format",
]

#: Values of ``input_format`` accepted by :func:`load_document`.
INPUT_FORMATS = ("auto", "text", "html", "jsonl")

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
_DEFAULT_MAX_BYTES = 16 * 2**20


@dataclass(frozen=True)
class Loaded:
    """The documents read from one input, in input order, and the warnings met on the way
    (one line each, starting with the input's name; e.g. a legacy charset guessed)."""

    documents: tuple[Document, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """What :func:`extract_article` found in a page.

    ``paragraphs`` are the body's block elements (paragraphs, subheadings, list items, table
    rows) in page order, each stripped and non-empty; a ``<br>`` inside one is kept as ``\\n``.
    ``date`` is ``YYYY-MM-DD``. Metadata the page does not give is ``None``.
    """

    paragraphs: tuple[str, ...]
    title: str | None = None
    date: str | None = None
    byline: str | None = None
    outlet: str | None = None
    url: str | None = None

    @property
    def body(self) -> str:
        """The paragraphs separated by blank lines (no headline)."""
        return "\n\n".join(self.paragraphs)

    @property
    def text(self) -> str:
        """The document text: headline, blank line, body (just the body without a headline)."""
        return f"{self.title}\n\n{self.body}" if self.title else self.body

    @property
    def meta(self) -> dict:
        """``title``, ``date``, ``byline``, ``outlet`` and ``url``, only those that were found."""
        fields = {"title": self.title, "date": self.date, "byline": self.byline,
                  "outlet": self.outlet, "url": self.url}
        return {k: v for k, v in fields.items() if v}


# --- format sniffing ------------------------------------------------------------------------------

# Leading matter a saved page may have before its first tag: an XML declaration (XHTML), comments
# (browsers' "saved from url=" mark) and whitespace.
_LEADING_MATTER = re.compile(rb"(?:\s+|<\?xml[^>]*>|<!--.*?-->)*", re.S)
_HTML_START = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)


def sniff_format(name: str, data: bytes) -> str:
    """``"html"``, ``"jsonl"`` or ``"text"``: by the extension of ``name`` (``.html``, ``.htm``,
    ``.xhtml``; ``.jsonl``, ``.ndjson``), else by content. Content is HTML when it starts (after a
    byte-order mark, whitespace, an XML declaration or comments) with ``<!doctype html`` or
    ``<html``; JSON Lines when its first line is a JSON object with an ``id``; anything else is text.
    """
    lowered = name.lower()
    if lowered.endswith(_HTML_SUFFIXES):
        return "html"
    if lowered.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    head = _head_bytes(data)
    start = _LEADING_MATTER.match(head).end()
    if _HTML_START.match(head, start):
        return "html"
    if head[start : start + 1] == b"{" and _first_line_is_record(data):
        return "jsonl"
    return "text"


def _head_bytes(data: bytes, size: int = 4096) -> bytes:
    """The first bytes as ASCII-compatible bytes (UTF-16 is transcoded so the patterns apply)."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            head = data[len(bom) : len(bom) + size]
            if codec == "utf-8":
                return head
            return head.decode(codec, errors="ignore").encode("utf-8", errors="ignore")
    return data[:size]


def _first_line_is_record(data: bytes) -> bool:
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # nested past the parser's depth: not a record either
        return False
    return isinstance(record, dict) and "id" in record


# --- HTML decoding --------------------------------------------------------------------------------

# Labels browsers decode differently from Python's codec of the same name (WHATWG Encoding
# Standard): Latin-1 and ASCII pages are read as windows-1252, a <meta> cannot declare UTF-16 (the
# page would not be ASCII-compatible enough to contain it), and so on.
_LABEL_CODECS = {
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819",
                     "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese"), "gb18030"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms932", "windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949"), "cp949"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "utf-32"), "utf-8"),
    "big5": "big5hkscs",
}
# A charset declared in a <meta charset> or <meta http-equiv="Content-Type" content="...">.
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_BODY_START = re.compile(rb"<body[\s>]", re.I)
#: How far into a page to look for its charset declaration. Browsers stop at 1 KiB, but saved
#: pages often carry long inline styles and scripts before the <meta>; the <body> ends the search.
_PRESCAN_BYTES = 64 * 2**10
# Markup, scripts, styles and comments: removed before guessing an undeclared charset, because
# their ASCII would outvote the text (a Cyrillic page reads as "mostly Latin letters"). A tag stops
# at the next "<" so that stray "<"s cannot make the scan quadratic; the scan covers the first
# _GUESS_BYTES only (charset detection reads no more than that).
_NON_TEXT = re.compile(rb"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^<>]*>", re.I | re.S)
_GUESS_BYTES = 2**20


def decode_html(data: bytes, name: str = "<input>", max_bytes: int = _DEFAULT_MAX_BYTES) -> Decoded:
    """Decode an HTML page: a byte-order mark first, then the charset the page declares
    (``<meta charset>``, ``<meta http-equiv="Content-Type">``, else an XML declaration), else
    UTF-8, else a charset guessed from the page's text without its markup.

    Raises :class:`InputError` for what :func:`~provenance.inputs.documents.decode_bytes` rejects (empty,
    binary, over ``max_bytes``). A declared charset that decodes the page cleanly is used without a
    warning; ``warning`` is set when the charset was guessed or the declaration did not fit.
    """
    decoded = decode_bytes(data, name, max_bytes)  # validation, and the UTF-8 reading if valid
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decoded  # a byte-order mark overrides any declaration, as in browsers
    label, codec = _declared_charset(data)
    problem = None
    if codec is not None:
        if codec == decoded.encoding:
            return Decoded(decoded.text, codec)
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            problem = f"declares charset {label} but is not valid {label}"
    elif label is not None:
        problem = f"declares unknown charset {label}"
    if decoded.encoding == "utf-8":
        if problem is None:
            return decoded
        return Decoded(decoded.text, "utf-8", f"{name}: {problem}; decoded as utf-8")
    encoding = _guess_text_encoding(data, name)
    return Decoded(data.decode(encoding, errors="replace"), encoding,
                   f"{name}: {problem or 'no charset declared and not valid UTF-8'}; decoded as {encoding}")


def _declared_charset(data: bytes) -> tuple[str | None, str | None]:
    """``(label, python codec)`` the page declares; codec ``None`` for an unknown label."""
    head = data[:_PRESCAN_BYTES]
    body = _BODY_START.search(head)
    if body:
        head = head[: body.start()]
    match = _META_CHARSET.search(head) or _XML_ENCODING.match(head)
    if not match:
        return None, None
    label = match.group(1).decode("ascii").lower()
    return label, _python_codec(_LABEL_CODECS.get(label, label))


def _python_codec(label: str) -> str | None:
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    try:
        b"<".decode(codec.name)  # excludes bytes-to-bytes codecs such as base64 or zlib
    except (LookupError, UnicodeDecodeError):
        return None
    return codec.name


def _guess_text_encoding(data: bytes, name: str) -> str:
    """The encoding :func:`decode_bytes` would choose for the page's text alone."""
    text = _NON_TEXT.sub(b" ", data[:_GUESS_BYTES])
    if not text.strip():
        text = data
    try:
        encoding = decode_bytes(text, name, 0).encoding
    except InputError:  # the text alone looks binary: guess from the whole page
        encoding = decode_bytes(data, name, 0).encoding
    return _python_codec(encoding) or encoding


# --- article extraction ---------------------------------------------------------------------------

# htmldate: prefer the original publication date over a later modification date. The fast search
# reads the page's metadata, URL, <time> elements and dates in the page's own markup;
# ``_DATE_SEARCH`` (htmldate's extensive search of the free text) runs only when that finds none.
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_DATE_SEARCH = {**_DATE_PARAMS, "extensive_search": True}
_WHITESPACE = re.compile(r"\s+")
#: Characters (a few sentences) below which a precision-favoring extraction is checked against a
#: default one.
_SHORT_BODY = 500
# trafilatura's own judgement of fragments: "<p>x</p>" alone is "not quite HTML" and rejected
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head|!doctype)[\s>]", re.I)


def extract_article(html: str) -> Article | None:
    """The article in an HTML page (decoded text), or ``None`` when no body text is found.

    A bare fragment (no ``<html>``, ``<head>`` or ``<body>``) is read as a page body. A first body
    paragraph that repeats the headline is dropped (the headline leads the document text anyway).
    """
    # Imported here: trafilatura (with lxml) takes a noticeable time to import, and text-only runs
    # never need it.
    import trafilatura
    from trafilatura.xml import xmltotxt

    if not _DOCUMENT_TAG.search(html[:4096]):
        html = f"<html><body><article>{html}</article></body></html>"
    result = _bare_extraction(trafilatura, html, favor_precision=True)
    if len(_field(result, "text") or "") < _SHORT_BODY:
        # Favoring precision sometimes keeps a stray box and loses the whole article (a reprint
        # notice instead of the story, in the extraction benchmark); a default extraction that
        # finds much more text is then the article.
        default = _bare_extraction(trafilatura, html, favor_precision=False)
        if len(_field(default, "text") or "") > 2 * len(_field(result, "text") or ""):
            result = default
    if result is None:
        return None
    field = partial(_field, result)
    body = field("body")
    if body is None:
        return None
    paragraphs = []
    for block in body:
        # one top-level block at a time, so that a <br> inside a paragraph stays a line break
        # while paragraph boundaries become blank lines
        tail, block.tail = block.tail, None  # the tail is not part of this block's text
        text = xmltotxt(block, include_formatting=False).strip()
        block.tail = tail
        if text:
            paragraphs.append(text)
    title = _clean(field("title"))
    if paragraphs and title and _squash(paragraphs[0]) == _squash(title):
        paragraphs.pop(0)
    if not paragraphs:
        return None
    return Article(
        paragraphs=tuple(paragraphs), title=title, date=_clean(field("date")) or _stated_date(html),
        byline=_clean(field("author")),
        outlet=_clean(field("sitename")), url=_clean(field("url")),
    )


def _stated_date(html: str) -> str | None:
    """The publication date htmldate's extensive search finds in the page's text, when it states a
    day. Beyond the metadata, the search falls back on a month or a year alone ("(c) 2019", "from
    2004 to 2017" in the body) and fills the missing parts with 1: a page dated "2004-01-01" from
    its body text was named the original of a copy published in 2019. A date on the 1st of a month
    found only this way is dropped with those: a page without a date makes no claim, a wrong date
    decides which text came first (the extraction benchmark's pages found by this search, "publiziert
    am 25. September 2018", state their day)."""
    from htmldate import find_date

    try:
        found = find_date(html, **_DATE_SEARCH)
    except Exception:  # noqa: BLE001 - htmldate on a malformed page: no date rather than no article
        return None
    return found if found and not found.endswith("-01") else None


def _bare_extraction(trafilatura, html: str, favor_precision: bool):
    return trafilatura.bare_extraction(
        html, with_metadata=True, favor_precision=favor_precision, include_comments=False, include_tables=True,
        deduplicate=False, date_extraction_params=_DATE_PARAMS,
    )


def _field(result, key: str):
    """A field of a trafilatura result: a Document in trafilatura 2, a dict in 1.x, or None."""
    if result is None:
        return None
    return result.get(key) if isinstance(result, dict) else getattr(result, key, None)


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = _WHITESPACE.sub(" ", value).strip()
    return value or None


def _squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip().casefold()


def html_to_document(doc_id: str, data: bytes, max_bytes: int = _DEFAULT_MAX_BYTES) -> Document:
    """A :class:`Document` from a saved HTML page (see the module docstring for its text).

    ``meta`` holds ``title``, ``date`` (``YYYY-MM-DD``), ``byline``, ``outlet`` (the site name) and
    ``url``, those the page gives. Raises :class:`InputError` when the bytes cannot be decoded (see
    :func:`decode_html`) or no article text is found. Decoding warnings are dropped here;
    :func:`load_document` returns them.
    """
    require(doc_id, str, "html_to_document: doc_id")
    require(data, (bytes, bytearray), "html_to_document: data")
    return _html_document(doc_id, decode_html(data, doc_id, max_bytes).text)


def _html_document(doc_id: str, html: str, meta: dict | None = None) -> Document:
    article = extract_article(html)
    if article is None:
        raise InputError(f"{doc_id}: no article text found in HTML")
    return make_document(doc_id, article.text, {**article.meta, **(meta or {})})


# --- JSON Lines -----------------------------------------------------------------------------------

_META_FIELDS = ("outlet", "date", "url", "title", "byline")


def iter_jsonl_documents(name: str, lines: Iterable[str]) -> Iterator[Document]:
    """Documents from JSON Lines, one record per line, read lazily (memory: one line at a time, plus
    the ids seen so far).

    Each record is an object with ``id`` (a string, or an integer, used verbatim as the document id)
    and ``text`` or ``html`` (``text`` wins when both are given: archives keep the page next to its
    extracted text), and optionally string fields ``outlet``, ``date``, ``url``, ``title`` and
    ``byline``, which go to ``meta`` (over what was extracted from ``html``). A ``text`` is read as
    a text file is (:func:`plain_text_reading`: HTML character references and Markdown links as
    what they show). Blank lines are skipped. A malformed record, an empty text or a repeated id raises :class:`InputError` naming
    the line (``name:LINE: ...``).
    """
    require(name, str, "iter_jsonl_documents: name")
    if isinstance(lines, (str, bytes, bytearray)) or not hasattr(lines, "__iter__"):
        raise TypeError("iter_jsonl_documents: lines must be an iterable of str lines (a text file or a list), "
                        f"not {'one ' if isinstance(lines, (str, bytes, bytearray)) else ''}{type(lines).__name__}")
    return _iter_jsonl_documents(name, lines)


def _iter_jsonl_documents(name: str, lines: Iterable[str], read: Counter | None = None) -> Iterator[Document]:
    """``read``, when given, counts the character references and Markdown links read in ``text``
    fields (keys ``references`` and ``links``, as :func:`plain_text_reading` gives them)."""
    first_line: dict[str, int] = {}
    for lineno, line in enumerate(lines, 1):
        if lineno == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        doc = _record_document(name, lineno, line, read)
        if doc.id in first_line:
            raise InputError(f"{name}:{lineno}: duplicate id {doc.id!r} (first on line {first_line[doc.id]})")
        first_line[doc.id] = lineno
        yield doc


def jsonl_to_documents(name: str, text: str, read: Counter | None = None) -> list[Document]:
    """All documents of a JSON Lines text (see :func:`iter_jsonl_documents`); ``read`` as there."""
    require(text, str, "jsonl_to_documents: text")
    # split("\n"), not splitlines(): JSON strings may hold a raw U+2028 or U+0085, which
    # splitlines() would take for line ends
    require(name, str, "jsonl_to_documents: name")
    return list(_iter_jsonl_documents(name, text.split("\n"), read))


def _record_document(name: str, lineno: int, line: str, read: Counter | None = None) -> Document:
    where = f"{name}:{lineno}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # json's messages end in " at" before a position ("Unterminated string starting at")
        reason = exc.msg.removesuffix(" at")
        raise InputError(f"{where}: not valid JSON at column {exc.colno} ({reason[:1].lower()}{reason[1:]})") from None
    except RecursionError:
        # json's C scanner recurses once per nested array or object
        raise InputError(f"{where}: JSON nested too deeply to read") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    doc_id = record.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError(f"{where}: missing or empty \"id\" (a string)")
    meta = {}
    for key in _META_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"{where}: {doc_id}: \"{key}\" must be a string")
        if value.strip():
            meta[key] = value.strip()
    if "date" in meta and not is_iso_date(meta["date"]):
        # the same rule as trace --date: a date the source inference would ignore is an error
        raise InputError(f"{where}: {doc_id}: \"date\" {meta['date']!r} is not a date (YYYY-MM-DD, or an ISO timestamp)")
    text, html = record.get("text"), record.get("html")
    try:
        if isinstance(text, str) and text.strip():
            # a record's text is plain text, read as a text file is: a scraper's export keeps
            # "&#39;" and "[Huawei](https://...)" in JSON strings as it does in .txt files
            text, references, links = plain_text_reading(text)
            if read is not None:
                read.update(references=references, links=links)
            return make_document(doc_id, text, meta)
        if isinstance(html, str) and html.strip():
            return _html_document(doc_id, html, meta)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    for key, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{where}: {doc_id}: \"{key}\" must be a string")
    if text is None and html is None:
        raise InputError(f"{where}: {doc_id}: no \"text\" or \"html\" field")
    raise InputError(f"{where}: {doc_id}: empty text")


# --- any input ------------------------------------------------------------------------------------


def load_document(name: str, data: bytes, input_format: str = "auto",
                  max_bytes: int = _DEFAULT_MAX_BYTES) -> Loaded:
    """The documents in one input of ``input_format`` (``"auto"``: :func:`sniff_format`).

    Text gives one document with id ``name`` (its HTML character references and Markdown links read
    as what they show, :func:`decode_character_references`, :func:`markdown_link_text`, each with a
    warning); HTML one document with id ``name`` and metadata; JSON Lines one document per record,
    with the records' ids. ``max_bytes`` caps the input's size (0: no
    limit). Raises :class:`InputError` on bad input and ``ValueError`` on an unknown format.
    """
    require(name, str, "load_document: name")
    require(data, (bytes, bytearray), "load_document: data")
    if input_format not in INPUT_FORMATS:
        raise ValueError(f"unknown input format {input_format!r} (expected one of {', '.join(INPUT_FORMATS)})")
    fmt = sniff_format(name, data) if input_format == "auto" else input_format
    if fmt == "html":
        decoded = decode_html(data, name, max_bytes)
        documents: tuple[Document, ...] = (_html_document(name, decoded.text),)
    else:
        decoded = decode_bytes(data, name, max_bytes)
        read: Counter = Counter()
        if fmt == "jsonl":
            documents = tuple(jsonl_to_documents(name, decoded.text, read))
            if not documents:
                raise InputError(f"{name}: no records (only blank lines)")
        else:
            text, read["references"], read["links"] = plain_text_reading(decoded.text)
            documents = (make_document(name, text),)
        warnings = [decoded.warning] if decoded.warning else []
        return Loaded(documents, tuple(warnings + reading_warnings(name, read)))
    return Loaded(documents, (decoded.warning,) if decoded.warning else ())


def plain_text_reading(text: str) -> tuple[str, int, int]:
    """Plain text as a reader saw it: its HTML character references and Markdown links read
    (:func:`decode_character_references`, :func:`markdown_link_text`), with how many of each."""
    text, references = decode_character_references(text)
    text, links = markdown_link_text(text)
    return text, references, links


def reading_warnings(name: str, read: Counter) -> list[str]:
    """The warnings for what :func:`plain_text_reading` read in the input ``name`` (``read``: its
    ``references`` and ``links`` counts)."""
    out = []
    if read["references"]:
        n = read["references"]
        out.append(f"{name}: {n} HTML character reference{'s' if n > 1 else ''} "
                   "(such as &#39; or &quot;) read as the characters they stand for")
    if read["links"]:
        n = read["links"]
        out.append(f"{name}: {n} Markdown link{'s' if n > 1 else ''} ([text](address)) "
                   "read as their text, the addresses left out")
    return out


# a Markdown inline link to a web address or a site path: "[CNBC reported](https://www.cnbc.com/...)";
# not an image ("![alt](...)"), and a label on one line
# (an address may hold one level of parentheses, as Wikipedia's do, and be followed by a title)
_MARKDOWN_LINK_RE = re.compile(r"(?<![!\\])\[([^\[\]\n]{1,300})\]\(\s*((?:https?://|www\.|/|mailto:)"
                               r"(?:[^\s()]|\([^\s()]*\)){1,2000})(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\)")


# a Markdown link reference definition on a line of its own: "[1]: https://www.cnbc.com/... "Title""
_MARKDOWN_DEFINITION_RE = re.compile(r"^ {0,3}\[([^\[\]\n]{1,100})\]:[ \t]*<?((?:https?://|www\.|/|mailto:)[^\s<>]{1,2000})>?"
                                     r"(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*(?:\n|$)", re.MULTILINE)
# a reference-style link: "[text][label]", "[label][]", or "[label]" alone (read only when defined)
_MARKDOWN_REFERENCE_RE = re.compile(r"(?<![!\\\]])\[([^\[\]\n]{1,300})\](?:\[([^\[\]\n]{0,100})\])?(?![(:\[])")


def markdown_link_text(text: str) -> tuple[str, int]:
    """``text`` with its Markdown links read as their text, and how many there were. A plain-text
    export from a CMS or a notes tool keeps "[Huawei](https://...)" where the page showed the word
    "Huawei" as a link; read as written, the address is text (and its digits figures) that the
    source does not have. Inline links and reference-style links ("[Huawei][1]" with a line
    "[1]: https://..." defining it, which is dropped) to a web address or a site path are read; an
    image ("![...](...)"), brackets in prose ("[sic]", a label nothing defines) and an escaped
    "\\[" stay as written."""
    if "](" not in text and "]:" not in text:
        return text, 0
    count = 0

    def link_text(label: str) -> str:
        nonlocal count
        count += 1
        # a footnote's marker ("[1](https://...)", "[^2](...)") is no text of the article
        return "" if re.fullmatch(r"\^?\d{1,3}", label.strip()) else label

    text = _MARKDOWN_LINK_RE.sub(lambda m: link_text(m.group(1)), text)
    defined = {_label(m.group(1)) for m in _MARKDOWN_DEFINITION_RE.finditer(text)} if "]:" in text else set()
    if defined:
        def reference(m: re.Match) -> str:
            label = m.group(2) if m.group(2) else m.group(1)  # "[text][label]"; "[label][]" or "[label]"
            return link_text(m.group(1)) if _label(label) in defined else m.group(0)

        text = _MARKDOWN_DEFINITION_RE.sub("", text)
        text = _MARKDOWN_REFERENCE_RE.sub(reference, text)
    return text, count


def _label(label: str) -> str:
    """A reference label as Markdown matches it: case and runs of spaces folded."""
    return " ".join(label.split()).casefold()


# a character reference of HTML, with its closing semicolon: "&#39;", "&#x2019;", "&quot;", "&mdash;"
_REFERENCE_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_character_references(text: str) -> tuple[str, int]:
    """``text`` with its HTML character references read as the characters they stand for, and how
    many there were. A plain-text export of a web page (a CMS's, a scraper's) keeps "&#39;" and
    "&quot;" where the page showed an apostrophe and quotation marks; read as written, they are
    numbers and words that the source does not have. Only complete references (with the
    semicolon) that HTML defines are read: "AT&T" and "R&D;" stay as written."""
    if "&" not in text:
        return text, 0
    import html

    count = 0

    def read(m: re.Match) -> str:
        nonlocal count
        out = html.unescape(m.group(0))
        # a reference to no character (&#0;, a surrogate) is kept as written, not read as U+FFFD
        if out == m.group(0) or not out or "\ufffd" in out or any(
                unicodedata.category(c) == "Cc" and c not in "\t\n" for c in out):
            return m.group(0)
        count += 1
        return out

    decoded = _REFERENCE_RE.sub(read, text)
    return decoded, count
