"""All tunable settings in one frozen record, in sections by pipeline stage.

Each value is documented with its unit, its default, its reason and, where it was fitted, the data it
was calibrated on. Library functions receive a :class:`Settings` (or use :data:`DEFAULT_SETTINGS`); the
command line builds one in one place (:meth:`Settings.with_options`) from its options.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

__all__ = ["Settings", "DEFAULT_SETTINGS", "InputSettings", "AlignSettings", "EditSettings", "LineageSettings",
           "CheckSettings", "ArchiveSettings"]


@dataclass(frozen=True)
class InputSettings:
    """What is read: limits on input files and records.

    Attributes:
        max_bytes: largest input file accepted, in bytes; 0 for no limit (16 MiB).
        utf8_valid_per_invalid: a file that is not valid UTF-8 is still read as UTF-8 (its invalid
            bytes replaced by U+FFFD, with a warning) when it has at least this many well-formed
            multi-byte characters per invalid sequence: a stray byte in a UTF-8 article (a bad
            paste, a cut inside a character) must not turn every curly quote and accent of it into
            legacy-charset mojibake and false edits, and legacy text (cp1252, KOI8-R, ...) almost
            never forms well-formed multi-byte sequences by chance (4).
    """

    max_bytes: int = 16 * 2 ** 20
    utf8_valid_per_invalid: int = 4


@dataclass(frozen=True)
class AlignSettings:
    """Alignment (:mod:`provenance.align`): sentence matching and word diffs.

    Attributes:
        max_segment_tokens: longest sentence segment, in tokens, before it is cut into windows (120).
        min_segment_shared: shingles (word bigrams) two sentences must share to be matched (3).
        min_offchain_shared: shingles a sentence off the in-order chain must share with its parent
            sentence to be reported as moved or duplicated (4).
        min_segment_containment: share of the smaller sentence's shingles that must be shared (0.5).
        shingle_posting_cap: a shingle found in more parent sentences than this is ignored when
            matching sentences of two documents; it carries no information and would make matching
            quadratic (64). Not the index's cap, which counts documents (``index_posting_cap``).
        diff_timeout: seconds one word-diff region may take before it is left as a plain replace and
            the alignment is marked ``approximate`` (0 for no limit). Regions are normally tiny (5.0).
        exact_diff_cells: largest ``len(a) * len(b)`` for which a timed-out region is redone with the
            exact bit-parallel LCS of rapidfuzz (memory is about cells / 8 bytes) (400_000_000).
        paraphrase_region_words: a run of changed blocks with at least this many words on each side
            is re-read as rewritten sentences (:mod:`provenance.align.paraphrase_refine`): a
            sentence's worth. A near-verbatim reprint's changes are a word or a phrase, and on the
            seeds and golden files no region reaches it (8).
        paraphrase_min_similarity: least char 5-gram cosine of a child and a parent sentence for the
            child to be shown as written from it; the paraphrase module's ``PAIR_MIN``, below which
            sentences of two independently written stories of one event meet as often as rewritten
            ones on COUNTER dev (0.3). Here it pairs anywhere in a changed region.
        paraphrase_gap_similarity: ... and between two pairs so found (or a pair and the region's
            edge), where position supports the pairing, this lower cosine suffices. On COUNTER dev
            (all 300 pairs; share of child words in refined sentence pairs, partially derived vs not
            derived, the latter all false pairs): 0.30 gives 7.9% vs 2.2%, 0.25 11.1% vs 3.0%, 0.20
            15.2% vs 5.4%; the step to 0.25 gains 3.2 points at 0.8 false, the next one 4.1 at 2.4,
            so 0.25. By halves (even / odd pair numbers) the step to 0.25 gains 4.1 points at 0.5
            false / 2.5 at 1.2, the step to 0.20 2.7 at 2.7 / 5.4 at 2.1: the halves disagree about
            0.20 and agree that 0.25 gains more than it costs, so the cautious 0.25 (0.25).
    """

    max_segment_tokens: int = 120
    min_segment_shared: int = 3
    min_offchain_shared: int = 4
    min_segment_containment: float = 0.5
    shingle_posting_cap: int = 64
    diff_timeout: float = 5.0
    exact_diff_cells: int = 400000000
    paraphrase_region_words: int = 8
    paraphrase_min_similarity: float = 0.3
    paraphrase_gap_similarity: float = 0.25


@dataclass(frozen=True)
class EditSettings:
    """Edit classification (:mod:`provenance.edits`). Word counts are of word, number and
    abbreviation tokens. Values are conventions of news pages (checked on the seeds and on the tamper
    suite's 16 articles of the article-extraction benchmark), not fitted.

    Attributes:
        headline_max_words: a first paragraph of at most this many words, with no final stop, is a
            headline; headlines run 5-20 words, a lede 25-40 (25).
        headline_shared_words: an inserted paragraph before the article is a headline added when it
            shares at least this many long words (4+ letters) with the source (2).
        masthead_max_words: an inserted paragraph before the article of at most this many words and
            none shared with the source is a masthead or page header (an outlet's name, a tagline,
            a date line) (12).
        short_line_words: a paragraph of at most this many words, not ending in a sentence stop, is a
            *short line* (a menu item, a link, a related headline, a button) (12).
        short_line_run: this many short lines in a row, inserted or dropped, are page furniture
            (navigation, link lists) wherever they stand: article text comes in sentences (3).
        furniture_pattern_max_words: inside the article body a paragraph matching a furniture pattern
            ("Sign up for our newsletter") is furniture only up to this many words; a longer body
            paragraph that mentions a newsletter or a donation is content (20).
        dateline_slack_words: words a changed span may run past the dateline it starts with and still
            be a dateline edit: the word diff can join the story's first word to a rewritten dateline (3).
        english_function_share: a text is English (and the English-only style rules apply) when
            function words are at least this share of its first words; they are a third of running
            English and almost none of French or Urdu (0.12) ...
        english_sample_tokens: ... counted over this many first tokens (2000).
        sentence_min_words: an inserted or deleted span is a sentence with at least this many words
            and a final stop (4).
        speaker_verb_window: tokens either side of a changed name searched for a speech verb (4).
        speaker_quote_window: ... and for a quotation mark, to call the name a quote's speaker (40).
        spelling_min_length: shortest word whose close respelling is a spelling correction (5) ...
        spelling_min_similarity: ... with at least this normalised Levenshtein similarity (0.8).
        date_context_tokens: equal tokens either side of a change read with it for dates and whole
            numbers ("Nov. 14" -> "Nov. 15": the change is "14" -> "15", the month beside it) (3).
        note_chars: longest quotation of article text in a note, in characters (60).
        furniture_cache_text_max: paragraphs longer than this (characters) are matched against the
            furniture patterns each time instead of through the cache, which keeps it small (4096).
        furniture_cache_entries: paragraphs whose pattern verdict is cached; in a story each paragraph
            is judged once per other member and a search costs ~0.2 ms (8192).
        move_min_words: a passage only deleted in one place and one only inserted in another are one
            moved passage (:mod:`provenance.edits.moves`) when they share at least this many words in
            order: a sentence's worth, below which two short lines share words by chance (3) ...
        move_min_similarity: ... and a similarity (2 x words shared in order / words of both) of at
            least this; a paragraph of n words with one word changed keeps (2n-2)/2n (0.83 for six
            words), while of all pairs of different paragraphs sharing 3+ words in the 16 articles of
            the tamper suite's development seed 13 none exceeds 0.34 but one pull quote and the
            paragraph it repeats (0.61: deleting one and inserting the other is judged word by word) (0.6).
        respelling_max_edits: a capitalised name changed by at most this many letter edits
            (Levenshtein, on the folded names, same first letter) is a respelling, a transliteration,
            not another name (:func:`provenance.edits.meaning.respelled`): Zelensky/Zelenskyy and
            Mikolaenko/Mikolayenko differ by one; names of two people rarely by so little (2) ...
        respelling_min_kept: ... and keeps at least this share of the longer name's letters, so that
            short names ("Lee"/"Li") are not respellings of anything (0.75). Both conventions of
            transliteration, checked on the issue #13 tamper suite (tests/test_meaning.py), not fitted.
        meaning_speech_window: words either side of a replaced name searched for a speech verb, for
            the meaning detectors' ``speaker_replaced`` (the verb sits next to its speaker: "said
            Putin", "Putin told"); 3 words, distinct from the rules' ``speaker_verb_window`` in
            tokens (3).
        negation_clause_words: a negator added or removed is a ``negation`` when the change is at
            most this many words a side, or when the two sides share half the longer side's other
            words: one clause reworded. A passage rewritten wholesale (COUNTER's newspapers write
            their own paragraph in the agency's place) can hold a "not" in one sentence and none in
            another without saying the opposite of anything (8: a clause; with it no COUNTER WD
            pair fails for a negation, tamper suite unchanged). The same bar holds a span of time
            replaced without figures ("hours after" -> "days after"): in COUNTER dev's derived pairs
            three rewritten passages named other spans, and none of one clause.
        quote_fragment_min_words: a paragraph with an opening mark before a word, or a closing mark
            after one, but no whole quotation, counts as containing a quotation only with at least
            this many words: an aligned insertion may begin or end inside a quotation, while a lone
            mark beside one or two words is a title or a nickname (3).
        tail_replaced_max_similarity: the parent's last paragraph, replaced after the last shared
            text by a paragraph of the child's own with at most this word similarity (as
            ``move_min_similarity``), is the tail cut and a paragraph added (a sign-off, a credit),
            not one paragraph rewritten: the largest similarity of two different paragraphs of one
            article sharing 3+ words in the tamper suite's development seed is 0.34 (see
            ``move_min_similarity``); a reworded last paragraph keeps far more (0.34).
    """

    headline_max_words: int = 25
    headline_shared_words: int = 2
    masthead_max_words: int = 12
    short_line_words: int = 12
    short_line_run: int = 3
    furniture_pattern_max_words: int = 20
    dateline_slack_words: int = 3
    english_function_share: float = 0.12
    english_sample_tokens: int = 2000
    sentence_min_words: int = 4
    speaker_verb_window: int = 4
    speaker_quote_window: int = 40
    spelling_min_length: int = 5
    spelling_min_similarity: float = 0.8
    date_context_tokens: int = 3
    note_chars: int = 60
    furniture_cache_text_max: int = 4096
    furniture_cache_entries: int = 8192
    move_min_words: int = 3
    move_min_similarity: float = 0.6
    respelling_max_edits: int = 2
    respelling_min_kept: float = 0.75
    meaning_speech_window: int = 3
    negation_clause_words: int = 8
    quote_fragment_min_words: int = 3
    tail_replaced_max_similarity: float = 0.34


@dataclass(frozen=True)
class LineageSettings:
    """Stories and copy trees (:mod:`provenance.lineage`): grouping, candidates, direction, versions.

    Attributes:
        related_min_shared: a document belongs to a story when it shares at least this share of its
            own tokens or of the other's in aligned passages (0.2).
        related_min_passage: ... and at least one aligned equal run of this many tokens (12).
        related_min_run_total: ... or aligned runs of 3+ tokens adding up to this many tokens (20).
        reuse_min_p_derived: two documents belong to one story (and ``check`` finds a reprint
            related to its source) when the reuse model (:mod:`provenance.lineage.reuse`) gives
            P(derived) at least this, read either way; a probability, calibrated by 5-fold CV on the
            COUNTER dev half (benchmarks/bench_counter.py, reliability table). Above 0.5 because a
            story link costs more than a missed pair (it pulls a same-event story into a copy tree).
            Chosen by nested CV (benchmarks/calibrate_reuse_gate.py) with the content-word features (the highest gate derived-vs-not F1 on
            the inner folds' out-of-fold pairs, grid 0.3-0.9 step 0.05, among thresholds that link no
            Clough-Stevenson ``non`` answer under leave-one-task-out models): the outer folds chose
            0.55-0.65, the whole dev half 0.65; outer-fold gate F1 0.835 (0.765 for the previous
            features at their nested choice of 0.75), and each Clough task scored at the threshold
            the other tasks chose links none of its ``non`` answers. Re-run with the numbers and
            content-order features (stop 19): every outer fold chose 0.6, the whole dev half 0.6,
            outer-fold gate F1 0.877, no Clough ``non`` answer linked (0.6).
        reuse_model_file: the reuse model file (JSON, as ``benchmarks/train_reuse_model.py`` writes
            it); empty: the packaged ``provenance/data/reuse_model.json``. Benchmarks point it at
            models fitted without the pairs they score ("").
        reuse_body_line_words: the reuse features (:mod:`provenance.lineage.body`) measure a page's
            article body: a paragraph of at most this many words without a final stop is a short
            line; related headlines run to 20 words, so this is the headline limit, not the 12 of
            ``edits.short_line_words`` (25) ...
        reuse_body_line_run: ... and this many short lines in a row, before the first or after the
            last text aligned with the other document, are page furniture, left out of the reuse
            features. Articles' own lists (numbered points, steps) run 3-4 items: at 3, 9 of the 395
            COUNTER and Clough-Stevenson pairs lost such a list; at 5, 3 Clough answers lose code or
            formula lines, no COUNTER text changes, and the London Daily seed's 55 related
            headlines still go (its grade: partially -> wholly) (5).
        reuse_min_aligned: ... and, on that path, a share of either document in aligned text of at
            least this (a share, 0..1; 0: the model alone decides; ``cluster --min-share`` raises it) (0.0).
        reuse_min_content_order: ... and the two texts' content words in one order over at least this
            share of the shorter sequence (the ``content_order`` feature, read both ways): a derived
            text keeps its source's sequence of names and facts, however reworded. The model was
            fitted on short same-event news pairs; two unrelated long articles (a rocket review and a
            diet guide) reach P(derived) 0.6 on chance overlap of numbers and common words, and 20 of
            the 43 model links among the 181 article-extraction benchmark articles (all their trace
            candidate pairs) shared no aligned text (stop 24). 0.13 is under the 1st percentile
            (0.136) of the derived COUNTER dev and Clough-Stevenson pairs: it keeps every COUNTER dev
            link of a derived pair, drops one "not derived" link, and drops 15 of the 43 benchmark
            links, 13 of the 20 without shared text; 0.14 would lose 2 partially derived pairs (0.13).
        reuse_sentence_match: the reuse features' sentence match: a child sentence counts as found
            in the parent when its best word tf-idf cosine, or its best word Dice, is at least this
            (``sent_cos_child``, ``sent_dice_child``, ``sent_cos_parent``). Sanchez-Perez et al.
            (PAN 2014) accept a pair when both exceed 0.33; the model weighs each. Part of the
            features' definition: the model file was fitted with it, change it only with a refit
            (``benchmarks/train_reuse_model.py``) (0.33).
        reuse_char_sentence_match: ... a child sentence whose best char 5-gram cosine is at least
            this counts as copied for ``sent_char_share`` (share of the child's words in such
            sentences); fitted with the model, as above (0.5).
        reuse_longest_run_cap: ``longest_run`` is log(1 + run) / log(1 + this), capped at 1: a
            verbatim run of this many words is as strong as any longer one; fitted with the model (100).
        reuse_full_sentence_pairs: sentence pairs the reuse features compare exhaustively; above it
            (documents of thousands of sentences) each sentence is compared only with the few that
            share its rarest words, so the cost stays linear in the text. 40,000 is 200 x 200
            sentences: every news article and every document the model was fitted on (COUNTER,
            Clough-Stevenson) is compared in full, so its features are unchanged (40000) ...
        reuse_candidate_posting_cap: ... a word held by more sentences than this does not find
            candidates (it still counts in the cosine of the pairs compared) (50) ...
        reuse_candidates_per_sentence: ... and each sentence keeps the candidates sharing the most
            such words (12).
        reuse_number_prior: ``num_in_parent`` counts this many pseudo-numbers at the child's
            content-word share beside its real numbers, so that one or two shared numbers ("0",
            a year) do not read as copied figures: a Clough-Stevenson ``non`` answer sharing the two
            numbers of its topic's article was linked to it at 0 (3).
        reuse_order_timeout: seconds the diff behind ``content_order`` may take before it gives a
            coarser answer (diff-match-patch's own limit; 600-word articles take a millisecond) (0.1).
        reuse_order_exact_cells: ... a timed-out diff is redone as an exact longest common
            subsequence (rapidfuzz) up to this many ``len(a) * len(b)`` cells (about 0.07 s); beyond,
            ``content_order`` takes ``content1_in_parent`` (a timed-out diff of two 40,000-word texts
            found no word in common) (400000000).
        reuse_opening_words: the direction features look for an agency dateline or credit, or an
            outlet's own credit, in a document's first this many words (headline included): a
            dateline and credit sit within the first lines; 40 words is past any of them (40).
        reuse_dateline_words: the dated-credit direction feature looks for a credit with a day or
            month before it (a wire's dated dateline) in a document's first this many words: past
            the headline, which in agency copy can carry a summary (COUNTER dev's agency headlines:
            median 15 words, 95th percentile 56), and the dateline's first words. At 40 words the
            dateline lay beyond the window in 29 of COUNTER dev's 210 derived pairs, at 80 in 4 (80).
        containment_asym_weight: weight, in direction-score units per unit of share difference, of
            the containment asymmetry in a pair's direction score (the share of the parent's article
            text its copy lacks minus the share of the copy's the parent lacks): a copy cuts and adds
            furniture but rarely brings article text of its own. A hand-set weight from the first copy
            tree (commit a392f46), beside the dateline (3) and date (5) terms; not fitted (4.0).
        foreign_max_cohesion: a passage one text of a pair holds and the other lacks (inserted, or
            deleted and cut) is foreign to the story when under this share of its distinct content
            words occur in the text the two share and it names no name that text names
            (:func:`provenance.lineage.measures.foreign_passages`); it then counts as page
            furniture does in the pair's direction score (no evidence of who wrote first; added,
            it points downstream), and costs the same added or cut. A wire paragraph read as
            foreign turns a pair round when a copy only cuts it, so few of a story's own passages
            may fall under the bar: on development data (benchmarks/measure_cohesion.py), 4% of the
            paragraphs of the extraction benchmark's English articles and 8% of the sentences of
            COUNTER's Urdu agency stories (no letter case, no names) against 86% and 90% of another
            story's; without the names 7% of the English ones. At 0.1: 1% and 2% against 74% and
            71%. On two reviews of real articles (stop 32's trace review, 200 sources; stop 33's,
            218 cases of copies adding a note or another story's paragraph, or cutting an off-topic
            wire paragraph): 0.2 with names 152 + 160 right, 0.1 with names 144 + 161, without the
            names 152 + 151 and 144 + 160 (0.2).
        foreign_min_shared: ... only in a pair that shares at least this much of each text (aligned
            share): a story both hold. Independently written same-event articles share little, and
            most of each reads as foreign to the little they share; read so, their edges turned and
            three of them were grouped again in a review's same-event collections (0.5).
        foreign_min_words: ... and only a passage with at least this many distinct content words: a
            short line's few words are no measure of cohesion (5).
        damage_direction_weight: weight, in direction-score units, of encoding damage in a pair's
            direction score: the text with more replacement characters (U+FFFD) is the later one,
            since a copy keeps the damage of the text it was made from and nobody repairs it to
            the undamaged text's very letters. Half an agency dateline missing from the copy (3):
            it decides between two texts otherwise alike (a damaged copy of a wire: the wire, 0.95)
            and yields to a cut (a full damaged text against a clean copy missing its last three
            paragraphs: the full text, 0.92; at 3 the clean cut copy was named, up to 0.95 with ten
            damaged characters). Not fitted: no development data has damaged copies (1.5).
        republication_direction_weight: weight, in direction-score units, of a republication credit
            (``provenance/data/republication.txt``: "This article originally appeared on ...",
            "republished with permission", "X contributed to this report") that one text of a pair
            carries and the other lacks: the text that says it came from elsewhere is the later one.
            As strong as an agency dateline missing from the copy (3), both being a credit written
            out. Not fitted: no development data has such credits; a hostile review found a copy
            with one such line named the source of its original in 60 of 60 real articles (3.0).
        story_edge_min_p_derived: a copy-tree edge of ``trace`` whose P(derived), read in the direction
            the evidence names, is under this, and whose documents no long verbatim passage links, is
            cut and its documents grouped again (once): grouping takes the larger P of both readings
            (either text may be the original), so two same-event stories could be one story whose
            only edge says "not derived" (a hostile review: 16 of COUNTER dev's 90 not-derived pairs,
            "share wire text" above an edge of P 0.18). Chosen on COUNTER dev's tune half (odd pairs;
            derived-vs-not F1 of trace's grouping, pairs traced alone, each pair whose edge is under
            the bar counted apart, the verbatim exemption not applied): none 0.898, 0.2 0.919, 0.3
            0.928, 0.4 0.932, 0.5 0.927, 0.6 0.911. As shipped (``benchmarks/bench_counter.py``): odd
            0.898 -> 0.928, the even half (not used to choose) 0.868 -> 0.892 (0.4).
        republication_max_words: a paragraph of at most this many words can be a republication
            credit (a credit line, not a body paragraph that reports on republishing) (40).
        direction_model_weight: weight, in direction-score units per nat, of the reuse direction
            model's terms (:meth:`provenance.lineage.reuse.ReuseModel.direction_terms`) in a pair's
            direction score, beside the dateline (3) and date (5) terms (1.0).
        direction_model_cues: which of the direction model's terms join the score: the agency
            credit (a listed agency name in any script) and the dated credit (a credit with a day or
            month before it: the wire's dateline), which hold in any genre; both weights are held
            non-negative in training. On COUNTER dev's 210 derived pairs, trace named the agency
            story the source in 177 and another in 8 with both (the model fitted on all 300 pairs),
            against 144 and 36 with the agency credit alone before the dated credit existed. Its
            own-credit term reads any short bracketed group as an outlet's credit (Wikipedia
            openings have them), and its lead-rewritten and cut-tail terms are fitted on COUNTER
            alone (a cut tail gets the opposite sign there); with them, 8-11 of 19 Clough heavy
            answers went above their original (bench_clough.py). They stay in the model's
            P(parent first) (("agency_credit", "dated_credit")).
        direction_model_max: ... its log-odds clipped to this many nats either way, so that no single
            confident reading outweighs dates (3.0).
        max_dense_story: largest story whose copy tree compares every ordered pair and every
            candidate source; larger ones (recurring notices in an archive) use the aligned pairs
            only, which keeps them from costing n^2 alignments (24).
        trace_candidate_words: ``trace`` aligns only documents sharing word k-grams of this many words
            (every k-gram, not a sample); four words are rarely shared by chance yet short enough
            that a passage kept through light edits still shares several (4).
        trace_candidate_min_shared: ... at least this many distinct ones: one shared phrase ("said
            in a statement on") is topic, not wire text (2).
        trace_posting_cap: documents kept per k-gram when ``trace`` pairs candidates (the first in
            canonical order): near-copies still link through them, and pairing stays bounded (64).
        trace_overflow_links: ... a document past a k-gram's full posting list is paired with this
            many of its first holders instead: without it, a copy in a trace of hundreds of copies
            of one story, sharing only k-grams that the first 64 copies already hold, had no
            candidate at all and came out unrelated with 0% overlap (8).
        trace_rewrite_posting_cap: rewritten reuse: a word bigram (comparison form) held by more
            documents than this is common phrasing, not evidence, and pairs none (32).
        trace_rewrite_min_shared: ... documents sharing at least this many distinct rarer bigrams are
            candidates too; on the COUNTER dev half the partially derived pairs without two shared
            4-grams share 5-30 bigrams (8).
        trace_rewrite_min_share: ... and at least this share of the smaller one's distinct bigrams (0.05).
        trace_links_per_document: in a trace of more than ``max_dense_story`` distinct texts, each
            document keeps only this many candidate partners (those sharing the most k-grams): a
            story reprinted a hundred times would otherwise cost an alignment per pair of copies, and
            each copy's strongest links (the original, its nearest siblings) are the edges its tree
            uses (6).
        undecided_margin: a story's source is left undecided (none named) when the best candidate
            source's confidence exceeds the next best's by less than this (a share of confidence,
            0..1): a tie in both directions is no evidence for either (0.02).
        version_shingle_size: words per shingle when versions are compared as shingle sets
            (:mod:`provenance.versions`); 3 ordered the held-in Wikipedia half best of 2 and 3 (3).
        version_shingle_form: ``surface`` (every token as written, punctuation and case kept) or
            ``words`` (normalised words only). Surface shingles tell apart neighbouring revisions
            that differ by punctuation or case; on the Wikipedia dev articles (seeded split, fitted
            on half A) they raised held-out oldest-first from 75% to 80% (surface).
        version_cut_weight: cost of a shingle a later version lacks, relative to one it adds, in the
            version-order cost; later versions add and keep what they added. Fitted with
            ``version_reversal_weight`` on half A of the Wikipedia dev articles by root accuracy
            (benchmarks/bench_versions.py --fit; grid 1, 1.2, 1.5, 2, 3) (1.2).
        version_exact_max: most versions ordered exactly (Held-Karp, O(2^n n^2)); more are ordered
            by insertion and local moves (12).
        version_confidence_scale: temperature, in units of path cost, of the softmax over the
            versions' root scores that gives the order's confidence; fitted after the two weights by
            log loss of the oldest on half A of the Wikipedia dev articles (0.05).
        version_reversal_weight: weight, per unit of path cost, of the reversal signal in a version's
            root score (:func:`provenance.lineage.versions.root_scores`): how much the cost of the
            best order *ending* at a version counts against it being the oldest. Fitted on half A
            of the Wikipedia dev articles with the cut weight (benchmarks/bench_versions.py --fit;
            grid 0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8; half A 76/91 against 75 at 0). On held-out
            half B it is no measurable gain: the oldest text named in 91/109 against 92/109 with
            the settings before it, mean tau 0.744 against 0.745 (bench_versions.py) (0.2).
        version_reversion_weight: weight, per unit of restored share, of the text the best order
            starting at a version cuts and then restores (:func:`provenance.lineage.versions.reversions`)
            in its root score: revisions rarely restore what was cut. Chosen on half A of the
            Wikipedia dev articles alone (grid 0, 0.5, 1, 2, 3, 5, by oldest named then mean tau:
            76/91 at 0, 0.5 and 1, tau 0.798, 0.807, 0.802); held-out half B: oldest named 91 -> 95 of
            109, mean tau 0.752 -> 0.770, exact orders 76 -> 78 (0.5).
        version_auto_min: fewest distinct texts in a story read as versions of one text without
            ``--versions``: any three documents form a path, so three cannot show a chain (4).
        version_auto_inherited: least share of partly shared shingles whose documents are a run of
            the version order (:func:`provenance.lineage.versions.inherited_share`) for a story to
            be read as revisions without ``--versions``. Fitted on half A of the Wikipedia dev
            articles only (benchmarks/fit_version_regime.py): its 20th percentile is 0.979, rounded
            down; the 75th percentile of 30 generated copy trees (bench_copy_chains' originals) is
            0.960 (0.97).
        version_auto_max_furniture: most share of a story's copy-tree edges with a furniture,
            headline or dateline edit for it to be read as revisions without ``--versions``. Fitted
            on half A only (benchmarks/fit_version_regime.py): the largest of a grid (0.1 to 0.5)
            that reads none of the 30 generated copy trees as revisions, with the inherited share
            above; the share averages 0.24 on half A's stories, 0.69 on the copy trees. Held-out
            half B: 51 of its 92 articles of 4+ versions read as revisions (49 with 0.25, the value
            set before on a sample of both halves) (0.3).
        tree_gain_cost: cost, in edit-cost units, of one shingle (``version_shingle_size`` tokens) a
            copy-tree edge's child has and its parent lacks: text written on that edge (Wagner
            parsimony with every node observed). It shapes the tree for a given source, not the
            choice of source. A copy that carries a reprint's expansions and titles is then
            cheaper under the reprint than re-creating them from the wire. Chosen on the
            bench_copy_chains generator (grid 0, 0.1, 0.3, 0.5, 1, 2: parents right 47%, 54%,
            55%, 56%, 58%, 55%) (1.0).
        tree_loss_cost: cost of one shingle the child lacks (dropped): copies drop page furniture
            and tails freely, so a small fraction of a gain; it breaks the tie between a copy and
            its parent in favour of the tree where a copy's own additions are not dropped again
            downstream (0.0025).
        date_contradiction_margin: a pair's text evidence pointing against its dates by at least
            this much (direction-score units: an agency dateline missing from the earlier-dated text
            scores 3) is named in the evidence as a contradiction; the dates still decide (2.0).
        innovation_reversion_cost: cost, in edit-cost units, of one variant location where a copy
            has the root's reading and its parent does not (a copy rarely restores the original):
            used by the revision reading's innovation tree and by the syndication copy tree
            (:mod:`provenance.lineage.tree`) alike (4.0).
        innovation_confidence_scale: temperature, in edit-cost units, of the softmax over candidate
            roots' innovation-tree costs (2.0).
        plain_dateline_direction_weight: a dateline without a credit ("VIENNA —") that one text opens
            with and the other lacks points to the first as the original by this much of the direction
            score (an agency dateline counts 3): a desk's section label in capitals before a dash
            ("HEALTH —", "TOP STORY —") has its shape and copies add those, so it weighs as added
            furniture does (1.0).
        tree_confidence_sharpness: the source's confidence in a copy tree is the softmax over
            candidate roots of ``-sharpness * log(tree cost)``. Fitted by log-likelihood of the true
            source on the COUNTER dev derived pairs (best at 3-4). In trees of more documents it is
            under-confident: on bench_copy_chains seeds 2-3, sources at confidence below 0.5 are
            right in 73% of trees. Scaling it by the n - 1 edges of the tree calibrates those
            (log-likelihood -30.2 instead of -57.7 on seeds 2-3, fitted on seeds 0-1), but it makes
            revision histories misread as copy trees confident: Wikipedia dev half B read without
            --versions, sources at 0.9+ right in 38% (50% with this value); Darwin's paragraphs read
            without --versions, 4 wrong at 0.6-0.8 (none above 0.6). So it stays the pairs' (4.0).
    """

    related_min_shared: float = 0.2
    related_min_passage: int = 12
    related_min_run_total: int = 20
    reuse_min_p_derived: float = 0.6
    reuse_min_aligned: float = 0.0
    reuse_min_content_order: float = 0.13
    reuse_body_line_words: int = 25
    reuse_body_line_run: int = 5
    reuse_model_file: str = ""
    reuse_sentence_match: float = 0.33
    reuse_char_sentence_match: float = 0.5
    reuse_longest_run_cap: int = 100
    reuse_full_sentence_pairs: int = 40_000
    reuse_candidate_posting_cap: int = 50
    reuse_candidates_per_sentence: int = 12
    reuse_number_prior: float = 3.0
    reuse_order_timeout: float = 0.1
    reuse_order_exact_cells: int = 400_000_000
    reuse_opening_words: int = 40
    reuse_dateline_words: int = 80
    containment_asym_weight: float = 4.0
    foreign_max_cohesion: float = 0.2
    foreign_min_shared: float = 0.5
    foreign_min_words: int = 5
    damage_direction_weight: float = 1.5
    republication_direction_weight: float = 3.0
    republication_max_words: int = 40
    story_edge_min_p_derived: float = 0.4
    direction_model_weight: float = 1.0
    direction_model_cues: tuple[str, ...] = ("agency_credit", "dated_credit")
    direction_model_max: float = 3.0
    max_dense_story: int = 24
    trace_candidate_words: int = 4
    trace_candidate_min_shared: int = 2
    trace_posting_cap: int = 64
    trace_overflow_links: int = 8
    trace_rewrite_posting_cap: int = 32
    trace_rewrite_min_shared: int = 8
    trace_rewrite_min_share: float = 0.05
    trace_links_per_document: int = 6
    undecided_margin: float = 0.02
    version_shingle_size: int = 3
    version_shingle_form: str = "surface"
    version_cut_weight: float = 1.2
    version_exact_max: int = 12
    version_confidence_scale: float = 0.05
    version_reversal_weight: float = 0.2
    version_reversion_weight: float = 0.5
    version_auto_min: int = 4
    version_auto_inherited: float = 0.97
    version_auto_max_furniture: float = 0.3
    innovation_reversion_cost: float = 4.0
    date_contradiction_margin: float = 2.0
    tree_gain_cost: float = 1.0
    tree_loss_cost: float = 0.0025
    innovation_confidence_scale: float = 2.0
    tree_confidence_sharpness: float = 4.0
    plain_dateline_direction_weight: float = 1.0


@dataclass(frozen=True)
class CheckSettings:
    """The fidelity gate (:mod:`provenance.check`); the actions per kind live in the policy.

    Attributes:
        order_warn_below: ``check`` warns (rule ``order``) that SOURCE and REPRINT may be the wrong
            way round when the credit cues of the reuse direction model (``lineage.direction_model_cues``)
            give P(source first) below this. On the 210 derived COUNTER dev pairs (the model's own
            training pairs, so optimistic) 0.2 warns on 3 pairs given the right way round and on 184
            given swapped; 0.1 on 0 and 125, and it misses a lone undated agency credit at the
            reprint's opening ("Moscow (AFP) -": P 0.11) (0.2).
    """

    order_warn_below: float = 0.2


@dataclass(frozen=True)
class ArchiveSettings:
    """Archives (:mod:`provenance.archive`): index postings, candidate links, character shingles, hubs.

    Attributes:
        max_links_per_document: in a cluster larger than ``max_dense_story``, each document keeps
            only its strongest candidate links (by shared shingles) for alignment; identical texts
            are linked to one of them only. Each link costs an alignment and two classifications,
            and two links still connect copies that differ from their strongest neighbour (2).
        index_posting_cap: in an index, a sampled shingle held by more documents than this is
            "common": its documents are not paired with each other (that would be quadratic in the
            posting list) but each is linked to the shingle's ``index_representatives`` first-added
            documents, so a story reprinted 500 times still forms one cluster, in linear cost (100).
        index_representatives: documents per common shingle that every other holder is linked to
            (3: more than one, so that one odd first copy does not decide the whole cluster).
        index_common_min_share: ``index query`` counts a common shingle only for documents that
            share at least this share of the query's sampled shingles (a reprint shares most; a
            shared footer or stock phrase shares a few), which keeps the candidates to align few (0.5).
        char_shingle: characters per shingle, over letters and digits only (spaces dropped). Short
            enough that a rewritten sentence keeps whole windows, long enough that a window is rare
            in unrelated text (12; tuned on the COUNTER tune half: fewest candidates with WD candidate
            recall >= 0.95 among 10-16 chars, windows 4-8, shares 3-8).
        winnow_window: consecutive window hashes of which the smallest is kept; any shared run of
            ``char_shingle + winnow_window - 1`` characters yields a common hash (4).
        char_min_shared: kept hashes two documents must share to become a candidate pair (6).
        full_link_df: a hash in at most this many documents pairs all of them (20).
        representatives: a hash in more documents links each of them to this many of its earliest
            documents only, so a story reprinted n times costs O(n) pairs, not O(n^2), and is not
            dropped (3).
        furniture_df: a hash in more documents than this is *frequent*: shared text made only of
            frequent hashes is formula unless it covers most of both documents (20).
        hub_keep_ratio: besides its best neighbour (its hub), a document keeps a verified link whose
            score is at least this share of the best score of both its ends (0.8).
        hub_keep_source: with documents in date order, each document also keeps its best verified
            link to an earlier document (its likeliest source), so a partial reprint that was
            reprinted in turn stays in its source's cluster (True). Synthetic 10k archive
            (gen_corpus.py seed 1, bench_scale's): partial-copy recall 0.880 -> 0.952, siblings
            0.890 -> 0.972, precision 0.99998 -> 0.99996; COUNTER tune half P 0.851 -> 0.853, WD
            recall 0.933 -> 0.967, derived 0.762 -> 0.771 (report half: 0.738 -> 0.713, 0.906,
            0.686 -> 0.695); impresso first 800 passim clusters, <= 10: B3 F1 0.931 -> 0.946.
        formula_max: a verified pair whose shared hashes are at least this share frequent ...
        formula_cover: ... and whose score is below this is formula text, not reuse (0.9, 0.6).
        verify_min_containment: a candidate pair whose shared kept char hashes are below this share
            of the smaller fingerprint is rejected before alignment (a same-event story shares names,
            numbers and a quote, a few hashes; a derived one copied runs). Share, 0..1 (0.03, COUNTER tune half).
        verify_min_p_derived: a candidate pair is verified when the reuse model's P(derived), the
            larger of both directions, is at least this (a probability, 0.3). Re-run with the stop-19
            model on the COUNTER tune half, after the pre-filter (precision / derived recall):
            0.3 and 0.4: 0.860 / 0.762; 0.5: 0.886 / 0.743; 0.6: 0.897 / 0.743; 0.7: 0.892 / 0.705;
            0.9: 0.919 / 0.648. Kept at 0.3: a higher bar buys a few points of precision for lost
            partial reprints (heavily paraphrased ones score 0.25-0.5), while the pairs that cost
            precision are same-event stories the model scores high (COUNTER's ``ND``), which no bar
            separates (benchmarks/bench_counter_cluster.py; the report half moves alike).
        verify_min_exclusive: ... and it is aligned at all only when the hashes that the two
            documents alone hold are at least this share of the smaller fingerprint (or it shares
            ``formula_cover`` of it): shared background paragraphs and same-event names do not
            count. Share (0.03). On the COUNTER tune half (0.5, 0.03) gave precision 0.78, WD recall
            0.93, derived recall 0.73, aligning 236 of 1,698 candidates; plain containment as the
            score gave 0.16 / 0.93 / 0.87 at 0.5 and 0.71 / 0.93 / 0.59 at 0.9.
        rare_max_df: the pre-filter's score counts only shared hashes held by at most this many
            documents of the archive (the pair and ``rare_max_df - 2`` others), a df cap as passim's:
            text that third documents also hold (an agency's background paragraphs, furniture) is
            not evidence that one of the two derives from the other. Documents (2: the pair's own
            hashes only). COUNTER tune (odd) half, verify_min_exclusive 0.03: df <= 2 P 0.844 /
            WD recall 0.967 / derived recall 0.771; <= 3: 0.822 / 0.967 / 0.790; <= 4: 0.798 / 0.967 /
            0.829; <= 5: 0.779 / 0.967 / 0.838 (report (even) half, not tuned on: 0.713 / 0.906 /
            0.695; 0.623 / 0.906 / 0.733; 0.599 / 0.938 / 0.771; 0.558 / 0.938 / 0.781). The false
            pairs are COUNTER "ND" pairs and cross-pair links whose shared text is held by the two
            documents alone (df 2), so no df cap removes them; a wider cap lets in more.
        verify_copy_containment: a candidate sharing at least this share of the smaller
            fingerprint is a copy and is verified without the model's features (they cost ~15 ms a
            direction): on the COUNTER tune half all 22 such candidates had P(derived) >= 0.9999.
            Share (0.6).
        verify_story_containment: a pair sharing at least this share of the smaller fingerprint is
            scored by that containment even if none of its hashes is exclusive: in a story with
            several reprints every copied hash is in three documents or more. 0.15: on the COUNTER
            tune half 0.15-0.6 all gave precision 0.78, derived recall 0.73-0.74; synthetic
            partial reprints (20-60% kept) have containment 0.13-0.58 of their source.
        same_outlet_min_containment: two documents of one outlet are candidates only when they share
            at least this share of the smaller fingerprint (a re-issue, a correction): an outlet's
            follow-up stories repeat its own background paragraphs, which is not syndication
            (COUNTER counts two agency stories as one cluster only when they repeat one text).
            Share, 0..1 (0.6, as ``verify_copy_containment``: such a pair is a copy). On the COUNTER
            tune half precision 0.784 -> 0.851 at any of 0.3-0.8, recall unchanged (report half:
            0.673 -> 0.738); impresso first 800 passim clusters, clusters <= 10: B3 F1 0.924 -> 0.931,
            pair F1 0.858 -> 0.867 (all passages: B3 F1 0.806 -> 0.800, recurring same-paper notices).
        trace_dense_members: ``provenance cluster`` traces a cluster of at most this many members
            over every ordered pair of them (every candidate source compared); a larger one over
            each member's link to the cluster's hub and its ``max_links_per_document`` strongest
            verified links only (:func:`provenance.archive.cluster.sparse_links`; one arborescence
            over those pairs), as ``trace`` does above ``max_dense_story``: ordered
            pairs grow as n^2, and tracing them was most of an archive run's time. Members (4): on the
            15 clusters of 5-7 members of a 3k synthetic archive (gen_corpus.py seed 1) tracing took
            11.2 s instead of 19.0 s, with the same 15 sources and 59 instead of 62 of 69 tree edges
            planted (3 strongest links per member: 14.1 s, 58).
        char_target_hashes: the fingerprint is chosen per archive: one winnowed char hash in ``s``
            is kept, ``s`` = median fingerprint size / this (at least 1), so short OCR passages and
            Urdu briefs keep every hash and 600-word articles a sample, bounding postings (400).
        paraphrase_max_documents: on an archive of at most this many documents, each document that
            no verified character pair links proposes its nearest neighbour by rare content words
            (:mod:`provenance.archive.paraphrase`): rewritten reuse that shares almost no 12-letter
            run (4 of 62 wholly derived COUNTER dev pairs share 0-5% of their hashes). Every text
            is read and tokenized again for it, and each proposal is verified: a cost the largest
            archives do not pay (5000; on the 2k synthetic archive, gen_corpus.py seed 1, the run
            takes 34 s instead of 15 s).
        paraphrase_max_df: ... a content word counts when 2 to this many documents hold it (30; the
            value of the first measurement, not tuned).
        paraphrase_min_margin: ... a document proposes only when its nearest neighbour's cosine is
            at least this many times its second nearest's (1.3).
        paraphrase_min_p_derived: ... and a proposed pair is kept when the reuse model's P(derived)
            is at least this (0.9). A proposal skips the containment pre-filter that keeps stories of
            one event apart (they share names and figures, not runs of text), so the bar is the
            model's alone. Margin and bar were measured together on development data: the COUNTER
            tune half (odd pairs, bench_counter_cluster.py; without proposals precision 0.860,
            derived recall 0.762) and the 2k synthetic archive (gen_corpus.py seed 1; without:
            precision 0.996, no same-event story reported). Margin 1 with bars 0.7 / 0.8 / 0.9:
            tune precision 0.872 / 0.877 / 0.869, derived recall 0.905 / 0.886 / 0.819, synthetic
            precision 0.893 / 0.943 / 0.990. Margin 1.3: 0.867 / 0.874 / 0.869, 0.867 / 0.857 /
            0.819, synthetic 0.989 / 0.991 / 0.992 (2 / 2 / 1 same-event stories of 66 reported).
            Margin 1.5: 0.864 / 0.871 / 0.867, 0.848 / 0.838 / 0.810, synthetic 0.994 / 0.994 /
            0.996. 0.9 keeps same-event stories out: the tests' hand-written one (P 0.87 against
            its event's story) and all but one of the synthetic archive's; lower bars gain recall
            on COUNTER by letting such stories in.
        cluster_min_shared: when set, a verified pair stays in its cluster's trace only if this
            share of one document aligns with the other (``cluster --min-share``); None: the reuse
            model decided, any aligned run links the pair (share 0..1 or None; None).
    """

    max_links_per_document: int = 2
    index_posting_cap: int = 100
    index_representatives: int = 3
    index_common_min_share: float = 0.5
    char_shingle: int = 12
    winnow_window: int = 4
    char_min_shared: int = 6
    full_link_df: int = 20
    representatives: int = 3
    furniture_df: int = 20
    hub_keep_ratio: float = 0.8
    hub_keep_source: bool = True
    formula_max: float = 0.9
    formula_cover: float = 0.6
    verify_min_containment: float = 0.03
    verify_min_p_derived: float = 0.3
    verify_min_exclusive: float = 0.03
    rare_max_df: int = 2
    verify_copy_containment: float = 0.6
    verify_story_containment: float = 0.15
    same_outlet_min_containment: float = 0.6
    trace_dense_members: int = 4
    char_target_hashes: int = 400
    paraphrase_max_documents: int = 5000
    paraphrase_max_df: int = 30
    paraphrase_min_margin: float = 1.3
    paraphrase_min_p_derived: float = 0.9
    cluster_min_shared: float | None = None


@dataclass(frozen=True)
class Settings:
    """Every setting, by stage. ``Settings()`` is the default; change one value with
    :meth:`with_options` (``DEFAULT_SETTINGS.with_options(max_bytes=2**20)``)."""

    input: InputSettings = field(default_factory=InputSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    edits: EditSettings = field(default_factory=EditSettings)
    lineage: LineageSettings = field(default_factory=LineageSettings)
    check: CheckSettings = field(default_factory=CheckSettings)
    archive: ArchiveSettings = field(default_factory=ArchiveSettings)

    def with_options(self, **values) -> "Settings":
        """A copy with the named values replaced, each found in its section by its (unique) name.

        Raises ``TypeError`` for a name no section has, as ``dataclasses.replace`` does.
        """
        sections = {f.name: getattr(self, f.name) for f in fields(self)}
        changes: dict[str, dict] = {}
        for key, value in values.items():
            owner = next((s for s, obj in sections.items() if key in {f.name for f in fields(obj)}), None)
            if owner is None:
                raise TypeError(f"no setting named {key!r}")
            changes.setdefault(owner, {})[key] = value
        return replace(self, **{s: replace(sections[s], **kv) for s, kv in changes.items()})


DEFAULT_SETTINGS = Settings()
