"""Generate a synthetic news archive from real text, with planted reprint clusters and their truth.

Usage::

    python benchmarks/gen_corpus.py --n-articles 100000 --seed 1 -o archive.jsonl
    # writes archive.jsonl (id, outlet, date, text) and archive.truth.jsonl (planted pairs)

Text comes from the real corpora under ``../shared/data`` beside the checkout (see each ``SOURCE.md``): the
impresso/passim passages of the Journal de Genève and Gazette de Lausanne (French, 1900; one passage
per passim cluster of at most 10, so passim's own reuse is not replanted), the gold article bodies
of the Zyte article-extraction benchmark (English news), the 1872 edition of Darwin's chapter 1
and the five Wikipedia sources of the Clough-Stevenson corpus. Each article is ~350-850 words
assembled from real paragraphs of one language; the language is drawn in proportion to its pool.

The real text is small (~0.8 M words) next to an archive of 100k x 600 words, so every paragraph
is used ~70 times. Verbatim reuse would make unrelated articles share whole paragraphs, i.e. plant
thousands of accidental "reprints". So each *use* of a paragraph replaces a share of its words
(``--mutation``, 0.35) with words drawn from the same pool by corpus frequency (and numbers by
random digits). A 5-gram then survives in one use with probability 0.65^5 = 0.12 and in two
independent uses with 0.013; paragraphs are at most ~90 words. Word order, vocabulary, function
words and punctuation stay those of real text. What remains is a realistic background of weak
accidental overlap: at 10k articles ~200 unplanted pairs share 4+ sampled shingles, almost none
share 7+ (it grows with the square of the archive; 0.3 gives ~3.5 times more).

Planted clusters: a wire story (dateline with an agency, outlet = the agency) and 1-6 reprints.
Each reprint copies the source or an earlier reprint (its ``parent``) with edits, each drawn
independently: headline added, dateline rewritten or dropped, outlet boilerplate (newsletter,
copyright, share lines) added, tail truncated, a middle paragraph deleted, paragraphs reordered or
duplicated, an outlet's own sentence inserted, words substituted, spelling variants (US/UK in
English, dropped accents in French), numbers reformatted. Reprints appear 0-3 days after their
parent. Everything else is a singleton, some with the same outlet boilerplate.

Harder cases (issue #16), each drawn independently:

* **Partially derived reprints** (``--partial``, 0.25 of reprints): the lead is rewritten (a fresh
  paragraph), only 20-60% of the rest is kept, in order, its words paraphrased (substituted at
  twice the usual rate) and two kept paragraphs merged into one, and the outlet's own paragraphs
  fill the article back to length. ``edits`` starts with ``partial``.
* **Big stories** (``--big-story N``): the first planted story gets N reprints (0: none).
* **Same-event stories** (``--same-event``, 0.04 of singletons): a story written independently
  about the event of a recent wire story: fresh paragraphs into which the wire story's names,
  numbers and one short quote (5-8 words) are woven. Not reuse: the truth lists the pair with
  ``relation`` ``event``, a hard negative.

Output: the archive JSONL has ``id``, ``outlet``, ``date`` (ISO) and ``text`` (paragraphs separated
by a blank line), roughly in date order; ids are opaque. The truth JSONL has one line per planted
pair ``{"a", "b", "cluster", "relation", "edits"}`` with ``a`` earlier in the archive than ``b``;
``relation`` is ``copy`` (one was made from the other, the earlier one; ``edits`` lists what was
done) or ``sibling`` (same story, no direct copy). Lines come when a cluster's last member is written.

Deterministic: the same ``--seed``, ``--n-articles`` and data give byte-identical files. Streams:
memory is the text pools plus a bounded queue of scheduled reprints (``--window`` articles ahead).
"""

from __future__ import annotations

import argparse
import glob
import heapq
import json
import math
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

# the shared data sets sit beside the checkout (<checkout>/../shared/data), wherever it is cloned
DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


# ----------------------------------------------------------------------------- text pools


@dataclass
class Pool:
    """Real paragraphs of one language, as whitespace tokens, and the words to draw replacements from.

    ``mutable[i]`` lists ``(position, prefix, suffix, digits, capital)`` for the tokens of
    paragraph ``i`` that are a word or a number with at most some punctuation around it
    (``«Genève,`` or ``1900.``); a use of the paragraph replaces the word (by a pool word, in the
    same case) or the digits (by as many random digits) and keeps the punctuation. ``lower`` and
    ``capital`` hold every such word of the pool in both cases, so a random index draws by corpus
    frequency.
    """

    lang: str
    paragraphs: list[list[str]]
    mutable: list[list[tuple[int, str, str, int, bool]]]
    lower: list[str]
    capital: list[str]
    n_words: int


_OPENERS = "«\"“‘(["
_CLOSERS = ".,;:!?»\"”’)]"


def _mutable_tokens(tokens: list[str]) -> list[tuple[int, str, str, int, bool]]:
    out = []
    for i, token in enumerate(tokens):
        core = token.lstrip(_OPENERS)
        prefix = token[: len(token) - len(core)]
        word = core.rstrip(_CLOSERS)
        if word.isdigit():
            out.append((i, prefix, core[len(word) :], len(word), False))
        elif word.isalpha():
            out.append((i, prefix, core[len(word) :], 0, word[0].isupper()))
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?»\"”])\s+(?=[A-ZÀ-ÖØ-Þ«\"“(])")


def _paragraphs_from(text: str, min_words: int = 25, max_words: int = 90) -> list[str]:
    """Cut a text into paragraphs: its own blank-line paragraphs, long ones regrouped by sentence."""
    out = []
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if not block:
            continue
        words = block.split()
        if len(words) <= max_words:
            if len(words) >= min_words // 2:
                out.append(block)
            continue
        current: list[str] = []
        n = 0
        for sentence in _SENTENCE_END.split(block):
            current.append(sentence)
            n += len(sentence.split())
            if n >= min_words and (n >= max_words // 2 or sentence.endswith((".", "!", "?"))):
                out.append(" ".join(current))
                current, n = [], 0
        if current and n >= min_words // 2:
            out.append(" ".join(current))
    return out


def _load_passim(data: Path) -> list[str]:
    paragraphs, seen = [], set()
    files = sorted(glob.glob(str(data / "impresso-passim-swiss-newspapers-1900/passim-output/out.json/*.json")))
    for name in files:
        with open(name, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                # One passage per passim cluster, and no boilerplate clusters (death notices, adverts).
                if row["size"] > 10 or row["cluster"] in seen:
                    continue
                seen.add(row["cluster"])
                text = re.sub(r"(\w)-\n(\w)", r"\1\2", row["text"])  # OCR line-end hyphenation
                paragraphs.extend(_paragraphs_from(text.replace("\n", " ")))
    return paragraphs


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) >= 0.9 * len(letters)


def _load_english(data: Path) -> list[str]:
    paragraphs = []
    gold = data / "article-extraction-benchmark-html/ground-truth.json"
    if gold.exists():
        bodies = json.loads(gold.read_text(encoding="utf-8"))
        for key in sorted(bodies):
            paragraphs.extend(p for p in _paragraphs_from(bodies[key]["articleBody"]) if _mostly_latin(p))
    darwin = data / "collatex-darwin-origin-of-species/darwin_ch1_paragraphs.normalized.json"
    if darwin.exists():
        editions = json.loads(darwin.read_text(encoding="utf-8"))
        for key in sorted(editions):
            if "1872" in editions[key]:
                paragraphs.extend(_paragraphs_from(editions[key]["1872"]))
    for name in sorted(glob.glob(str(data / "clough-stevenson-short-answer-plagiarism/corpus-20090418/orig_task*.txt"))):
        raw = Path(name).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
        paragraphs.extend(_paragraphs_from(text.replace("\r\n", "\n")))
    return paragraphs


def load_pools(data: Path) -> dict[str, Pool]:
    """The English and French pools. Raises ``SystemExit`` if no text is found under ``data``."""
    pools = {}
    for lang, paragraphs in (("en", _load_english(data)), ("fr", _load_passim(data))):
        tokens, mutable = [], []
        for paragraph in paragraphs:
            toks = paragraph.split()
            positions = _mutable_tokens(toks)
            # Lists, tables, adverts and link lists (few plain words) would survive mutation
            # almost whole and plant accidental reuse; leave them out.
            if len(positions) >= 0.8 * len(toks) and "://" not in paragraph:
                tokens.append(toks)
                mutable.append(positions)
        if not tokens:
            continue
        lower = [toks[i][len(pre) : len(toks[i]) - len(suf)].lower()
                 for toks, pos in zip(tokens, mutable) for i, pre, suf, digits, _ in pos if not digits]
        pools[lang] = Pool(lang, tokens, mutable, lower, [w.capitalize() for w in lower], sum(map(len, tokens)))
    if not pools:
        raise SystemExit(f"gen_corpus: no source text found under {data}")
    return pools


# ----------------------------------------------------------------------------- outlets and furniture

AGENCIES = {"en": ["AFP", "Reuters", "AP", "DPA", "EFE", "ANSA", "Xinhua"], "fr": ["AFP", "ATS", "Havas", "Reuters"]}
CITIES = {
    "en": ["London", "Moscow", "Lagos", "Karachi", "Dublin", "Sydney", "Toronto", "Nairobi", "Manila",
           "Delhi", "Cape Town", "Auckland", "Singapore", "Chicago", "Glasgow", "Accra", "Dhaka", "Kingston"],
    "fr": ["Genève", "Lausanne", "Neuchâtel", "Fribourg", "Sion", "Paris", "Lyon", "Bruxelles", "Berne",
           "Vevey", "Montreux", "Delémont"],
}
MASTHEADS = {
    "en": ["Times", "Daily", "Herald", "Post", "Tribune", "Courier", "Gazette", "Observer", "Chronicle",
           "Star", "Mirror", "Independent"],
    "fr": ["Journal de", "Gazette de", "Feuille d'Avis de", "Le Courrier de", "La Tribune de", "L'Écho de",
           "Le Nouvelliste de"],
}
MONTHS = {
    "en": ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}
BOILERPLATE = {
    "en": [
        "Subscribe to our newsletter to get the {outlet} morning briefing in your inbox.",
        "Copyright {year} {outlet}. All rights reserved.",
        "Share this article on Facebook, Twitter or WhatsApp.",
        "Read more: the latest news from {city} and around the world on our website.",
        "Support independent journalism in {city}: become a member of the {outlet} today.",
        "Follow us on Telegram for breaking news alerts.",
    ],
    "fr": [
        "Abonnez-vous à la lettre d'information du {outlet} pour recevoir l'essentiel chaque matin.",
        "© {year} {outlet}. Tous droits de reproduction réservés.",
        "Partagez cet article sur Facebook, Twitter ou par courriel.",
        "Lire aussi : toute l'actualité de {city} et de la région sur notre site.",
        "Soutenez une presse indépendante : abonnez-vous au {outlet}.",
    ],
}
INSERTED = {
    "en": [
        "The {outlet} has contacted the ministry for comment but had not received a reply by the time of publication.",
        "Additional reporting by our correspondent in {city}.",
        "Local officials in {city} said they were following the situation closely.",
    ],
    "fr": [
        "Le {outlet} a sollicité un commentaire, sans réponse à l'heure de mettre sous presse.",
        "Avec la collaboration de notre correspondant à {city}.",
        "Les autorités de {city} suivent la situation de près, a-t-on appris.",
    ],
}
SYNONYMS = {
    "en": {"said": "stated", "told": "informed", "about": "around", "more": "over", "after": "following",
           "before": "prior to", "but": "however", "also": "too", "big": "large", "help": "assist",
           "show": "indicate", "start": "begin", "buy": "purchase", "get": "obtain", "many": "numerous"},
    "fr": {"dit": "déclaré", "mais": "cependant", "aussi": "également", "très": "fort", "grand": "important",
           "après": "à la suite de", "avant": "auparavant", "beaucoup": "nombre", "commencé": "débuté"},
}
US_UK = [("ize", "ise"), ("izing", "ising"), ("ized", "ised"), ("ization", "isation"), ("color", "colour"),
         ("honor", "honour"), ("labor", "labour"), ("favor", "favour"), ("neighbor", "neighbour"),
         ("center", "centre"), ("defense", "defence"), ("program", "programme"), ("traveled", "travelled"),
         ("percent", "per cent"), ("analyze", "analyse"), ("gray", "grey")]
SMALL_NUMBERS = {"2": "two", "3": "three", "4": "four", "5": "five", "6": "six", "7": "seven", "8": "eight", "9": "nine"}


def make_outlets(rng: random.Random, lang: str, n: int) -> list[dict]:
    """``n`` outlets of one language, each with a city and two boilerplate lines of its own."""
    names, outlets = set(), []
    while len(outlets) < n:
        city, mast = rng.choice(CITIES[lang]), rng.choice(MASTHEADS[lang])
        name = (f"The {city} {mast}" if lang == "en" else f"{mast} {city}").replace("de L", "de l")
        if name in names:
            continue
        names.add(name)
        lines = rng.sample(BOILERPLATE[lang], 2)
        outlets.append({"name": name, "city": city, "lang": lang, "boilerplate": lines})
    return outlets


# ----------------------------------------------------------------------------- building articles


def mutate_paragraph(rng: random.Random, pool: Pool, index: int, rate: float) -> str:
    """Paragraph ``index`` of ``pool`` with each word and number replaced with probability ``rate``.

    Replaced positions are visited by geometric skips (a Bernoulli trial per token, drawn only
    where one succeeds), so the cost is proportional to the replacements, not to the paragraph.
    """
    tokens = list(pool.paragraphs[index])
    positions = pool.mutable[index]
    if not positions or rate <= 0:
        return " ".join(tokens)
    lower, capital, random_ = pool.lower, pool.capital, rng.random
    n_words = len(lower)
    n = len(positions)
    log_keep = math.log1p(-rate) if rate < 1 else -math.inf
    i = int(math.log(1.0 - random_()) / log_keep)
    while i < n:
        pos, prefix, suffix, digits, cap = positions[i]
        if digits:
            word = str(rng.randrange(10 ** (digits - 1) if digits > 1 else 0, 10**digits))
        else:
            word = (capital if cap else lower)[int(random_() * n_words)]
        tokens[pos] = prefix + word + suffix
        i += 1 + int(math.log(1.0 - random_()) / log_keep)
    return " ".join(tokens)


def make_story(rng: random.Random, pool: Pool, rate: float) -> list[str]:
    """~350-850 words of mutated real paragraphs from one pool."""
    target = rng.randint(350, 850)
    paragraphs, n = [], 0
    while n < target:
        index = rng.randrange(len(pool.paragraphs))
        paragraphs.append(mutate_paragraph(rng, pool, index, rate))
        n += len(pool.paragraphs[index])
    return paragraphs


def dateline(rng: random.Random, lang: str, agency: str, day: date) -> str:
    city = rng.choice(CITIES[lang]).upper()
    month = MONTHS[lang][day.month - 1]
    if lang == "en":
        return f"{city}, {month} {day.day} ({agency}) - "
    return f"{city}, {day.day} {month} ({agency}) — "


def headline(rng: random.Random, paragraphs: list[str]) -> str:
    words = " ".join(paragraphs[:2]).split()
    n = rng.randint(5, 10)
    start = rng.randrange(max(1, len(words) - n))
    return " ".join(w.strip(".,;:!?«»\"“”()") for w in words[start : start + n]).strip().title()


_BIG_PLAIN = re.compile(r"\b(?<![.,])(\d{1,3})(\d{3})\b(?![.,]\d)")
_GROUPED = re.compile(r"\b(\d{1,3}),(\d{3})\b")
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?) ?(%|per cent|percent|pour cent)")
_SMALL = re.compile(r"(?<![\d.,])\b([2-9])\b(?![\d.,%])")


def reformat_numbers(rng: random.Random, text: str, lang: str) -> str:
    """One house style for numbers: grouping, per cent signs, small numbers in words (English)."""
    style = rng.randrange(4)
    if style == 0:
        text = _BIG_PLAIN.sub(lambda m: f"{m[1]},{m[2]}" if not 1700 <= int(m[0]) <= 2099 else m[0], text)
        return _GROUPED.sub(r"\1 \2", text) if lang == "fr" else text
    if style == 1:
        return _GROUPED.sub(r"\1\2", text)
    if style == 2:
        word = {"en": "per cent", "fr": "pour cent"}[lang]
        return _PERCENT.sub(lambda m: f"{m[1]}%" if m[2] != "%" else f"{m[1]} {word}", text)
    if lang == "en":
        return _SMALL.sub(lambda m: SMALL_NUMBERS[m[1]], text)
    return _GROUPED.sub(r"\1'\2", text)  # Swiss apostrophe grouping


def spelling_variants(rng: random.Random, text: str, lang: str) -> str:
    if lang == "fr":
        # Typesetting without accents on capitals, or an OCR that drops some accents.
        table = str.maketrans({"É": "E", "È": "E", "À": "A"}) if rng.random() < 0.5 else str.maketrans({"é": "e", "è": "e"})
        words = text.split(" ")
        for i in rng.sample(range(len(words)), max(1, len(words) // 30)):
            words[i] = words[i].translate(table)
        return " ".join(words)
    pairs = US_UK if rng.random() < 0.5 else [(b, a) for a, b in US_UK]
    for a, b in pairs:
        text = re.sub(rf"(?<=[a-z]){a}\b" if a in ("ize", "izing", "ized", "ization", "ise", "ising", "ised", "isation") else rf"\b{a}\b", b, text)
    return text


def substitute_words(rng: random.Random, paragraphs: list[str], pool: Pool, lang: str) -> list[str]:
    """Synonyms for common words, plus 1-3% of words replaced by pool words (rewording)."""
    synonyms = SYNONYMS[lang]
    out = []
    for p in paragraphs:
        words = p.split(" ")
        for i, w in enumerate(words):
            if w in synonyms and rng.random() < 0.5:
                words[i] = synonyms[w]
        for i in rng.sample(range(len(words)), int(len(words) * rng.uniform(0.01, 0.03))):
            if words[i].isalpha():
                words[i] = pool.lower[rng.randrange(len(pool.lower))]
        out.append(" ".join(words))
    return out


@dataclass
class Article:
    """An article waiting to be written; ``cluster`` and ``member`` locate it in its planted story."""

    outlet: str
    paragraphs: list[str]
    cluster: int = 0
    member: int = 0

    def to_json(self, doc_id: str, day: date) -> str:
        record = {"id": doc_id, "outlet": self.outlet, "date": day.isoformat(), "text": "\n\n".join(self.paragraphs)}
        return json.dumps(record, ensure_ascii=False)


def make_reprint(
    rng: random.Random, parent: list[str], pool: Pool, outlet: dict, agency: str, day: date
) -> tuple[list[str], list[str]]:
    """A reprint of ``parent`` (paragraphs) by ``outlet``, and the names of the edits applied."""
    lang = pool.lang
    paras = list(parent)
    edits: list[str] = []
    first = paras[0]
    has_dateline = f"({agency})" in first[:80]
    if has_dateline and rng.random() < 0.5:
        cut = first.index(")", first.index(f"({agency})")) + 1
        rest = first[cut:].lstrip(" -—")
        paras[0] = rest if rng.random() < 0.6 else f"{outlet['city'].upper()} - {rest}"
        edits.append("dateline")
    if len(paras) > 3 and rng.random() < 0.45:
        keep = max(2, int(len(paras) * rng.uniform(0.4, 0.9)))
        paras = paras[:keep]
        if rng.random() < 0.5:  # mid-paragraph cut, at a sentence end when there is one
            last = paras[-1]
            stop = last.find(". ", len(last) // 3)
            if stop > 0:
                paras[-1] = last[: stop + 1]
        edits.append("truncated")
    if len(paras) > 4 and rng.random() < 0.2:
        del paras[rng.randrange(1, len(paras) - 1)]
        edits.append("deleted")
    if len(paras) > 3 and rng.random() < 0.2:
        i = rng.randrange(1, len(paras) - 1)
        j = rng.randrange(1, len(paras))
        paras.insert(j, paras.pop(i))
        edits.append("moved")
    if len(paras) > 2 and rng.random() < 0.06:
        i = rng.randrange(1, len(paras))
        paras.insert(rng.randrange(i, len(paras) + 1), paras[i])
        edits.append("duplicated")
    if rng.random() < 0.5:
        paras = substitute_words(rng, paras, pool, lang)
        edits.append("substitution")
    if rng.random() < 0.35:
        changed = [spelling_variants(rng, p, lang) for p in paras]
        if changed != paras:
            paras = changed
            edits.append("spelling")
    if rng.random() < 0.4:
        changed = [reformat_numbers(rng, p, lang) for p in paras]
        if changed != paras:
            paras = changed
            edits.append("number_format")
    if rng.random() < 0.25:
        line = rng.choice(INSERTED[lang]).format(outlet=outlet["name"], city=outlet["city"])
        paras.insert(rng.randrange(1, len(paras) + 1), line)
        edits.append("inserted")
    if rng.random() < 0.6:
        paras.insert(0, headline(rng, paras))
        edits.append("headline")
    if rng.random() < 0.6:
        paras.extend(line.format(outlet=outlet["name"], city=outlet["city"], year=day.year) for line in outlet["boilerplate"])
        edits.append("boilerplate")
    return paras, edits


# ----------------------------------------------------------------------------- the archive stream


@dataclass
class _Story:
    """A planted cluster until all its members are written: final ids and the copy edges."""

    ids: list[str | None]
    copies: list[tuple[int, int, list[str]]]  # (parent member, child member, edits)
    left: int


def make_partial(rng: random.Random, parent: list[str], pool: Pool, rate: float) -> tuple[list[str], list[str]]:
    """A partially derived reprint of ``parent`` (module docstring), and its edit names."""
    body = parent[1:]
    share = rng.uniform(0.2, 0.6)
    keep = sorted(rng.sample(range(len(body)), max(1, round(share * len(body))))) if body else []
    kept = substitute_words(rng, [body[i] for i in keep], pool, pool.lang)
    kept = substitute_words(rng, kept, pool, pool.lang)  # paraphrase: twice the usual substitution
    edits = ["partial", "lead_rewritten", "paraphrased"]
    if len(kept) >= 2:
        i = rng.randrange(len(kept) - 1)
        kept[i:i + 2] = [kept[i].rstrip() + " " + kept[i + 1].lstrip()]
        edits.append("merged")
    own = make_story(rng, pool, rate)
    paras = [own[0], *kept]
    words = sum(len(p.split()) for p in parent)
    for extra in own[1:]:
        if sum(len(p.split()) for p in paras) >= words:
            break
        paras.insert(rng.randrange(1, len(paras) + 1), extra)
    return paras, edits


_QUOTE_WORDS = (5, 8)
_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+)*")
_NUMBER = re.compile(r"\b\d[\d.,]*\b")


def make_same_event(rng: random.Random, wire: list[str], pool: Pool, rate: float) -> list[str]:
    """A story written independently about ``wire``'s event: fresh text with its names, numbers and
    one short quote woven in (module docstring)."""
    text = " ".join(wire)
    names = [m.group(0) for m in _NAME.finditer(text) if len(m.group(0)) > 3][:40]
    numbers = _NUMBER.findall(text)[:20]
    words = text.split()
    n = rng.randint(*_QUOTE_WORDS)
    start = rng.randrange(max(1, len(words) - n))
    quote = "« " + " ".join(words[start:start + n]) + " »" if pool.lang == "fr" else '"' + " ".join(words[start:start + n]) + '"'
    paras = make_story(rng, pool, rate)
    out = []
    for k, p in enumerate(paras):
        toks = p.split()
        for facts in (names, numbers):
            for _ in range(min(len(facts), 3)):
                if toks:
                    toks.insert(rng.randrange(len(toks) + 1), rng.choice(facts))
        if k == 1 or len(paras) == 1:
            toks.insert(rng.randrange(len(toks) + 1), quote)
        out.append(" ".join(toks))
    return out


def _truth_lines(cluster: int, story: _Story) -> list[str]:
    copy = {(p, c): e for p, c, e in story.copies}
    lines = []
    n = len(story.ids)
    for i in range(n):
        for j in range(i + 1, n):
            edits = copy.get((i, j), copy.get((j, i)))
            a, b = sorted((story.ids[i], story.ids[j]))
            record = {"a": a, "b": b, "cluster": cluster, "relation": "copy" if edits is not None else "sibling"}
            if edits is not None:
                record["edits"] = edits
            lines.append(json.dumps(record))
    return lines


def generate(
    n_articles: int,
    seed: int,
    archive_out,
    truth_out,
    data: Path = DATA,
    cluster_share: float = 0.3,
    mutation: float = 0.35,
    window: int = 1000,
    start: date = date(2023, 1, 1),
    partial: float = 0.25,
    big_story: int = 0,
    same_event: float = 0.04,
) -> dict:
    """Write ``n_articles`` JSON lines to ``archive_out`` and the planted pairs to ``truth_out``.

    ``cluster_share`` is the expected share of articles in planted clusters; ``window`` bounds how
    many articles later a reprint may appear (and the memory held for scheduled reprints).
    Returns counts: articles, clusters, singletons, pairs, copies.
    """
    rng = random.Random(seed)
    pools = load_pools(data)
    langs = sorted(pools)
    lang_weights = [pools[lang].n_words for lang in langs]
    outlets = {lang: make_outlets(rng, lang, 30 if lang == "en" else 18) for lang in langs}
    # Days advance with the position in the archive, so the file is in date order (as an archive
    # export would be) and a reprint scheduled a few hundred articles later is 0-3 days later.
    days_span = max(30, n_articles // 300)
    sizes = [1, 2, 3, 4, 5, 6]
    size_weights = [30, 25, 18, 12, 8, 7]
    mean_size = 1 + sum(s * w for s, w in zip(sizes, size_weights)) / sum(size_weights)
    # Share of new stories that are clusters, so that clustered articles make ``cluster_share``.
    p_cluster = cluster_share / (mean_size - cluster_share * (mean_size - 1))

    queue: list[tuple[int, int, Article]] = []  # heap of (slot due, order, article): scheduled reprints
    stories: dict[int, _Story] = {}
    order = 0
    counts = {"articles": n_articles, "clusters": 0, "singletons": 0, "pairs": 0, "copies": 0, "partial": 0,
              "events": 0}
    recent: list[tuple[str, str, list[str]]] = []  # (id, language, paragraphs) of the last wire stories

    def day_of(slot: int) -> date:
        return start + timedelta(days=slot * days_span // n_articles)

    def written(article: Article, doc_id: str) -> None:
        story = stories[article.cluster]
        story.ids[article.member] = doc_id
        story.left -= 1
        if not story.left:
            lines = _truth_lines(article.cluster, stories.pop(article.cluster))
            counts["pairs"] += len(lines)
            truth_out.write("".join(line + "\n" for line in lines))

    for slot in range(n_articles):
        doc_id = f"a{slot:07d}"
        day = day_of(slot)
        if queue and (queue[0][0] <= slot or len(queue) >= n_articles - slot):
            article = heapq.heappop(queue)[2]
            archive_out.write(article.to_json(doc_id, day) + "\n")
            written(article, doc_id)
            continue
        lang = rng.choices(langs, lang_weights)[0]
        pool = pools[lang]
        paragraphs = make_story(rng, pool, mutation)
        n_reprints = rng.choices(sizes, size_weights)[0] if rng.random() < p_cluster else 0
        # Every scheduled article must fit in the slots left.
        n_reprints = min(n_reprints, n_articles - slot - 1 - len(queue))
        if big_story and not counts["clusters"]:
            n_reprints = min(big_story, n_articles - slot - 1 - len(queue))
        same = [w for w in recent if w[1] == lang]
        if n_reprints <= 0 and same and rng.random() < same_event:
            wire_id, _, wire = rng.choice(same)
            outlet = rng.choice(outlets[lang])
            archive_out.write(Article(outlet["name"], make_same_event(rng, wire, pool, mutation)).to_json(doc_id, day) + "\n")
            truth_out.write(json.dumps({"a": wire_id, "b": doc_id, "cluster": 0, "relation": "event"}) + "\n")
            counts["singletons"] += 1
            counts["events"] += 1
            continue
        if n_reprints <= 0:
            outlet = rng.choice(outlets[lang] + [{"name": a} for a in AGENCIES[lang]])
            if "boilerplate" in outlet and rng.random() < 0.5:
                paragraphs += [line.format(outlet=outlet["name"], city=outlet["city"], year=day.year)
                               for line in outlet["boilerplate"]]
            archive_out.write(Article(outlet["name"], paragraphs).to_json(doc_id, day) + "\n")
            counts["singletons"] += 1
            continue
        counts["clusters"] += 1
        cluster = counts["clusters"]
        agency = rng.choice(AGENCIES[lang])
        paragraphs[0] = dateline(rng, lang, agency, day) + paragraphs[0]
        source = Article(agency, paragraphs, cluster, 0)
        story = _Story([None] * (n_reprints + 1), [], n_reprints + 1)
        stories[cluster] = story
        archive_out.write(source.to_json(doc_id, day) + "\n")
        recent = (recent + [(doc_id, lang, paragraphs)])[-50:]
        # Reprints are made now, while their parents' texts are at hand, and written at later
        # slots in the order made, so a reprint of a reprint always comes after its parent.
        texts = [paragraphs]
        for member, offset in enumerate(sorted(rng.randint(1, window) for _ in range(n_reprints)), 1):
            parent = 0 if member == 1 or rng.random() < 0.75 else rng.randrange(1, member)
            outlet = rng.choice(outlets[lang])
            if rng.random() < partial and n_reprints < 100:
                text, edits = make_partial(rng, texts[parent], pool, mutation)
                counts["partial"] += 1
            else:
                text, edits = make_reprint(rng, texts[parent], pool, outlet, agency, day)
            texts.append(text)
            story.copies.append((parent, member, edits))
            order += 1
            heapq.heappush(queue, (slot + offset, order, Article(outlet["name"], text, cluster, member)))
        counts["copies"] += n_reprints
        written(source, doc_id)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n-articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="archive JSONL to write")
    parser.add_argument("--truth", help="truth JSONL (default: OUTPUT with .truth.jsonl)")
    parser.add_argument("--data", default=str(DATA), help="shared data directory")
    parser.add_argument("--cluster-share", type=float, default=0.3)
    parser.add_argument("--mutation", type=float, default=0.35, help="share of words replaced per use of a paragraph")
    parser.add_argument("--partial", type=float, default=0.25, help="share of reprints that are partially derived")
    parser.add_argument("--big-story", type=int, default=0, metavar="N", help="reprints of the first planted story")
    parser.add_argument("--same-event", type=float, default=0.04,
                        help="share of singletons written independently about a recent wire story's event")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    out = Path(args.output)
    truth = Path(args.truth) if args.truth else out.with_name(out.name.removesuffix(".jsonl") + ".truth.jsonl")
    with open(out, "w", encoding="utf-8") as archive, open(truth, "w", encoding="utf-8") as truth_fh:
        counts = generate(args.n_articles, args.seed, archive, truth_fh, Path(args.data), args.cluster_share, args.mutation,
                          partial=args.partial, big_story=args.big_story, same_event=args.same_event)
    print(f"{out}: {counts['articles']} articles ({counts['singletons']} singletons), {counts['clusters']} clusters, "
          f"{counts['pairs']} planted pairs ({counts['copies']} copies, {counts['partial']} partial), "
          f"{counts['events']} same-event stories, in {truth}, {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
