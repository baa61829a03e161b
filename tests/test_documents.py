"""decode_bytes and make_document: decoding with fallbacks, and one-line errors for bad input."""

from __future__ import annotations

import pytest

from provenance.inputs.documents import InputError, decode_bytes, make_document

FRENCH = "L'armée a dit qu'il viendra à Genève, déjà fermée. « Non », a-t-il répondu."
ENGLISH_CP1252 = "The café’s “special” – a naïve résumé – costs €5."
RUSSIAN = "Путин заявил, что удары по инфраструктуре Украины были неизбежны, сообщил Кремль."


def error_of(data: bytes, **kwargs) -> str:
    with pytest.raises(InputError) as info:
        decode_bytes(data, "article.txt", **kwargs)
    message = str(info.value)
    assert "\n" not in message and message.startswith("article.txt: "), message
    return message


def test_utf8():
    decoded = decode_bytes(FRENCH.encode("utf-8"), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.warning) == (FRENCH, "utf-8", None)


def test_utf8_bom_is_dropped():
    decoded = decode_bytes(b"\xef\xbb\xbf" + FRENCH.encode("utf-8"))
    assert decoded.text == FRENCH
    assert decoded.warning is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_western_legacy_bytes_fall_back_with_a_warning(encoding):
    decoded = decode_bytes(FRENCH.encode(encoding), "fr.txt")
    assert decoded.text == FRENCH
    assert decoded.encoding == "cp1252"
    assert decoded.warning == "fr.txt: not valid UTF-8; decoded as cp1252"


def test_cp1252_smart_quotes_dashes_and_euro():
    # charset detection alone guesses cp1250 or cp775 for such short text; the text must come back.
    decoded = decode_bytes(ENGLISH_CP1252.encode("cp1252"))
    assert decoded.text == ENGLISH_CP1252
    assert decoded.warning


def test_short_latin1_word():
    assert decode_bytes(b"caf\xe9").text == "café"


def test_cyrillic_legacy_bytes_are_detected():
    decoded = decode_bytes(RUSSIAN.encode("cp1251"))
    assert decoded.text == RUSSIAN
    assert decoded.warning


def test_utf16_with_bom_is_text_despite_nul_bytes():
    decoded = decode_bytes(FRENCH.encode("utf-16"))
    assert decoded.text == FRENCH


def test_empty():
    assert error_of(b"") == "article.txt: file is empty"


@pytest.mark.parametrize("data", [b"   \n\t\r\n  ", "\u00a0\u3000\n".encode(), b"\xef\xbb\xbf  \n"])
def test_whitespace_only(data):
    assert error_of(data) == "article.txt: file contains only whitespace"


def test_nul_bytes_are_binary():
    assert "binary" in error_of(b"Some text\x00\x01\x02 more text")


def test_nul_byte_beyond_the_first_kilobytes_is_still_binary():
    assert "binary" in error_of(b"plain text line\n" * 2000 + b"\x00\x00")


def test_png_header_is_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    assert error_of(png) == "article.txt: looks like a PNG image, not text"


def test_png_signature_without_nul_is_still_an_image():
    # cp1252 would happily decode these bytes as "‰PNG": the signature must be checked first.
    assert "PNG" in error_of(b"\x89PNG\r\n\x1a\n" + b"\xab\xcd" * 50)


@pytest.mark.parametrize(
    "data, what",
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"), (b"\xff\xd8\xff\xe0JFIF", "JPEG"), (b"PK\x03\x04\x14", "ZIP"),
     (b"\x1f\x8b\x08\x00", "gzip")],
)
def test_other_binary_signatures(data, what):
    assert what in error_of(data)


def test_control_characters_are_binary():
    assert "binary" in error_of(bytes(range(1, 32)) * 20)


def test_oversize():
    message = error_of(b"x" * 3000, max_bytes=1024)
    assert message == "article.txt: file is 2.9 KiB, over the 1 KiB limit (raise it with --max-size)"


def test_oversize_in_mebibytes():
    message = error_of(b"x" * (2**20 + 1), max_bytes=2**20)
    assert "over the 1 MiB limit" in message


def test_size_limit_zero_means_unlimited():
    assert decode_bytes(b"x" * 5000, max_bytes=0).text == "x" * 5000


def test_make_document_tokenizes_and_keeps_meta():
    doc = make_document("a.txt", "Hello, world.", {"title": "T"})
    assert [t.text for t in doc.tokens] == ["Hello", ",", "world", "."]
    assert doc.meta == {"title": "T"}


def test_make_document_without_tokens_raises():
    with pytest.raises(InputError, match="^a.txt: no text to compare$"):
        make_document("a.txt", " \n ")


def test_seed_examples_decode(examples_dir):
    for path in sorted(examples_dir.glob("*.txt")):
        decoded = decode_bytes(path.read_bytes(), path.name)
        assert decoded.warning is None
        assert make_document(path.name, decoded.text).tokens


@pytest.mark.parametrize("stray", [b"\x81", b"\xff", b"\xe2\x80"])  # a lone byte; a character cut short
@pytest.mark.parametrize("where", ["end", "middle"])
def test_utf8_with_a_stray_byte_stays_utf8(stray, where):
    """One bad byte in a UTF-8 article with curly quotes and accents: reading the whole file as a
    legacy charset made every quote and accent mojibake, and `check` failed on invented edits."""
    text = "“Le café est prêt,” a-t-il dit — à Moscou. «Не сейчас», ответил он."
    body = text.encode("utf-8")
    data = body + stray if where == "end" else body[:20] + stray + body[20:]
    decoded = decode_bytes(data, "a.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == text
    assert "not valid UTF-8 at 1 byte" in decoded.warning or "not valid UTF-8 at 2 bytes" in decoded.warning


def test_legacy_text_with_no_well_formed_sequence_is_still_detected():
    decoded = decode_bytes("Le café est prêt, a-t-il dit à Moscou.".encode("cp1252"), "a.txt")
    assert decoded.encoding == "cp1252" and decoded.text == "Le café est prêt, a-t-il dit à Moscou."


@pytest.mark.parametrize("text", ["...\n", "\u200b\u200b\n", "\u00ad\n", "— – !? «»\n"])
def test_a_text_of_no_words_is_refused(text):
    # stop 26's review: two files of "..." were "identical" to trace and "unrelated" to check, and
    # a file of zero-width spaces was a one-token document
    with pytest.raises(InputError, match=r"^a.txt: no words to compare \(only punctuation or invisible characters\)$"):
        make_document("a.txt", text)
    assert make_document("b.txt", "7\n").tokens and make_document("c.txt", "Hello\n").tokens


@pytest.mark.parametrize("text", ["Moscow (AFP) - Putin said on Friday that strikes were inevitable.\n",
                                  "Москва (АФП) - Путин заявил в пятницу.\n", "Το Κρεμλίνο δήλωσε την Παρασκευή.\n",
                                  "新华社北京12月5日电 国家主席习近平5日在人民大会堂会见。\n"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_with_a_warning(text, codec):
    # stop 26's review: a Windows tool's UTF-16 file without a BOM was refused as binary
    decoded = decode_bytes(text.encode(codec), "w.txt")
    assert decoded.text == text and decoded.encoding == codec
    assert decoded.warning == f"w.txt: no byte-order mark; read as {codec.upper()} (every other byte is NUL)"


def test_nul_bytes_that_are_not_utf16_text_stay_binary():
    import random

    rng = random.Random(7)
    # the last: ten bytes whose NULs fall at odd offsets by chance, read as UTF-16 "xy" and three
    # Chinese characters before (a review of stop 31)
    for data in (bytes(rng.randrange(256) for _ in range(400)), b"PK\x00\x00" * 50, b"ab\x00\x00cd\x00\x00" * 40,
                 b"x\x00y\x00binary"):
        with pytest.raises(InputError, match="binary"):
            decode_bytes(data, "b.bin")


def test_documents_and_traces_pickle_and_copies_start_without_the_memo():
    # a process pool or Dask returns stories with their documents: the memo (views, closures)
    # is a cache, never pickled; a copy with another text must not read the original's views
    import copy
    import dataclasses
    import pickle

    from provenance import trace_documents

    wire = make_document("wire", "MOSCOW (AFP) - Russia said on Tuesday it had struck targets.\n\nThe ministry gave no figures.",
                         {"date": "2024-01-01"})
    reprint = make_document("reprint", "Russia said on Tuesday it had struck targets, the ministry said.\n\nThe ministry gave no figures.")
    trace = trace_documents([wire, reprint])
    assert wire.memo  # aligned and classified: the memo holds views
    back = pickle.loads(pickle.dumps(trace))
    assert back.documents == trace.documents and back.documents[0].meta == {"date": "2024-01-01"}
    assert [s.source for s in back.stories] == [s.source for s in trace.stories]
    assert back.documents[0].memo == {}
    other = dataclasses.replace(wire, text="Another text.", tokens=make_document("x", "Another text.").tokens)
    assert other.memo == {} and wire.memo
    assert copy.deepcopy(wire) == wire and copy.copy(wire).memo == {}
