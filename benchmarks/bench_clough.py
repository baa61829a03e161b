"""Source, grouping and revision level on Clough and Stevenson's short-answer plagiarism corpus.

Data: ../shared/data/clough-stevenson-short-answer-plagiarism (95 answers of 200-300 words to five
questions; each answer is ``cut``, ``light``, ``heavy`` or ``non`` with respect to the Wikipedia
article of its task, ``orig_task{a..e}.txt``). For every answer, one run of
``trace_documents([answer] + the five originals)`` and these figures:

* **placement**: a plagiarised answer (cut/light/heavy) is *under its original* when it is a
  descendant of ``orig_task<t>`` in the copy tree of their story; otherwise it is *above* it (the
  original hangs under the answer), *under another original*, or *unrelated*. A ``non`` answer is
  right when it is unrelated to all five originals. ``non`` answers are written on the same topic
  and may legitimately share short phrases (definitions, names), so their row is a measure of
  over-grouping rather than a hard error count.
* **source**: for answers in a story with their original, how often the original is the story's
  source (rather than the answer).
* **revision**: the ``revision`` label (verbatim/light/heavy) of the copy-tree edge between the
  answer and its original (either direction), against the category (cut counts as verbatim). A
  second matrix labels the pair in its true direction (``revision_label`` of
  ``align_documents(original, answer)``) whatever the tree says, which separates the revision
  classifier from the choice of direction.

Honesty: the shipped reuse model was fitted on these answers, so it is not used here. Each task's
answers are traced with a model fitted (``train_reuse_model.fit_models``) on the COUNTER dev half and
the other four tasks' answers (leave one task out), passed as ``lineage.reuse_model_file``; this needs
the ``train`` extra and the COUNTER data. Baseline in the same run: the fixed ``related()`` gate alone
(``reuse_min_p_derived`` above 1, so the model never links).

Run: ``python benchmarks/bench_clough.py [--data DIR]``
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

from tabulate import tabulate

from provenance import align_documents, classify_edits, decode_bytes, make_document, revision_label, trace_documents
from provenance.settings import DEFAULT_SETTINGS

sys.path.insert(0, str(Path(__file__).resolve().parent))
import train_reuse_model as training  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
NAME = "clough-stevenson-short-answer-plagiarism"
CATEGORIES = ("cut", "light", "heavy", "non")
REVISIONS = ("verbatim", "light", "heavy")
EXPECTED_REVISION = {"cut": "verbatim", "light": "light", "heavy": "heavy"}


def read_doc(path: Path):
    return make_document(path.name, decode_bytes(path.read_bytes(), path.name).text)


def descendants(tree, root: str) -> set[str]:
    children: dict[str, list[str]] = {}
    for e in tree:
        children.setdefault(e.parent, []).append(e.child)
    out, todo = set(), [root]
    while todo:
        for c in children.get(todo.pop(), ()):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def place(trace, answer: str, original: str) -> dict:
    """Where ``answer`` ended up relative to its true ``original`` in one trace."""
    story = next((s for s in trace.stories if answer in s.documents), None)
    if story is None:
        return {"placement": "unrelated", "source": None, "revision": "no edge", "direction": None}
    edge = next((e for e in story.tree if {e.parent, e.child} == {answer, original}), None)
    if original not in story.documents:
        placement = "with another original"
    elif answer in descendants(story.tree, original):
        placement = "under its original"
    else:
        placement = "above its original"
    return {
        "placement": placement,
        "source": story.source,
        "confidence": story.confidence,
        "revision": edge.revision if edge else "no edge",
        "direction": None if edge is None else ("original->answer" if edge.parent == original else "answer->original"),
        "others": sorted(d for d in story.documents if d.startswith("orig_") and d != original),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory (default: %(default)s)")
    args = parser.parse_args()
    root = args.data / NAME
    if not root.is_dir():
        sys.exit(f"bench_clough: data set not found at {root}; it is optional (pass --data DIR to point at it)")
    corpus = root / "corpus-20090418"
    with open(root / "file_list.from_xls.csv", newline="", encoding="utf-8") as fh:
        labels = [(r["File"], r["Task"], r["Category"]) for r in csv.DictReader(fh)]
    originals = {t: read_doc(corpus / f"orig_task{t}.txt") for t in "abcde"}

    print(f"data: {root}")
    print(f"command: python benchmarks/bench_clough.py --data {args.data}")
    print(f"{len(labels)} answers, each traced with the five originals (trace_documents of 6 documents)\n")

    import json
    import tempfile

    counter, clough = training.load_counter(args.data), training.load_clough(args.data)
    training.featurize(counter + clough)
    task_of = {name: task for name, task, _ in labels}
    tmp = tempfile.TemporaryDirectory(prefix="bench-clough-")
    settings_for = {}
    for t in "abcde":
        train = counter + [p for p in clough if task_of.get(p.name) != t]
        path = Path(tmp.name) / f"model_without_task_{t}.json"
        path.write_text(json.dumps(training.model_from_sections(training.fit_models(train))), encoding="utf-8")
        settings_for[t] = DEFAULT_SETTINGS.with_options(reuse_model_file=str(path))
    baseline_settings = DEFAULT_SETTINGS.with_options(reuse_min_p_derived=1.01)

    results, base_results = [], []
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    for name, task, category in labels:
        answer = read_doc(corpus / name)
        trace = trace_documents([answer, *originals.values()], settings_for[task])
        results.append((name, task, category, place(trace, name, f"orig_task{task}.txt")))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    for name, task, category in labels:
        trace = trace_documents([read_doc(corpus / name), *originals.values()], baseline_settings)
        base_results.append((name, task, category, place(trace, name, f"orig_task{task}.txt")))
    tmp.cleanup()
    true_direction = {}
    for name, task, _ in labels:
        al = align_documents(originals[task], read_doc(corpus / name))
        true_direction[name] = revision_label(al, classify_edits(al))

    placements = ("under its original", "above its original", "with another original", "unrelated")

    def placement_rows(results):
        counts = Counter((c, r["placement"]) for _, _, c, r in results)
        rows = []
        for c in CATEGORIES:
            n = sum(counts[(c, p)] for p in placements)
            right = counts[(c, "unrelated")] if c == "non" else counts[(c, "under its original")]
            rows.append([c, n, *(counts[(c, p)] for p in placements), f"{right / n:.0%}" if n else "-"])
        plag = [r for _, _, c, r in results if c != "non"]
        right = sum(r["placement"] == "under its original" for r in plag)
        rows.append(["cut+light+heavy", len(plag), *(sum(r["placement"] == p for r in plag) for p in placements),
                     f"{right / len(plag):.0%}"])
        return rows, plag

    print("Placement of each answer (right = under its original; for non: unrelated to all five)")
    print("baseline: the fixed related() gate alone")
    print(tabulate(placement_rows(base_results)[0], headers=["category", "n", *placements, "right"]))
    rows, plag = placement_rows(results)
    print("\nreuse gate, each task traced with a model fitted without its answers (leave one task out)")
    print(tabulate(rows, headers=["category", "n", *placements, "right"]))

    print("\nSource of the story holding an answer and its original")
    rows = []
    for c in CATEGORIES:
        together = [r for _, _, cc, r in results if cc == c and r["placement"] in ("under its original", "above its original")]
        orig_src = sum((r["source"] or "").startswith("orig_") for r in together)
        undecided = sum(r["source"] is None for r in together)
        rows.append([c, len(together), orig_src, len(together) - orig_src - undecided, undecided,
                     f"{orig_src / len(together):.0%}" if together else "-"])
    print(tabulate(rows, headers=["category", "stories with answer+original", "original is source",
                                  "answer is source", "undecided", "original share"]))

    print("\nRevision label of the edge answer<->original (rows: true category; cut counts as verbatim)")
    matrix = Counter((c, r["revision"]) for _, _, c, r in results)
    cols = (*REVISIONS, "no edge")
    rows = [[c, *(matrix[(c, k)] for k in cols)] for c in CATEGORIES]
    print(tabulate(rows, headers=["true \\ edge revision", *cols]))
    labelled = [(c, r["revision"]) for _, _, c, r in results if c != "non" and r["revision"] != "no edge"]
    ok = sum(EXPECTED_REVISION[c] == rev for c, rev in labelled)
    print(f"revision accuracy on plagiarised answers with an edge: {ok}/{len(labelled)}"
          + (f" = {ok / len(labelled):.0%}" if labelled else ""))
    ok_all = sum(EXPECTED_REVISION[c] == r["revision"] for _, _, c, r in results if c != "non")
    print(f"revision accuracy on all {len(plag)} plagiarised answers (no edge = wrong): {ok_all / len(plag):.0%}")

    print("\nRevision label of the pair in its true direction, original -> answer (not from the tree)")
    matrix = Counter((c, true_direction[n]) for n, _, c in labels)
    print(tabulate([[c, *(matrix[(c, k)] for k in REVISIONS)] for c in CATEGORIES],
                   headers=["true \\ pair revision", *REVISIONS]))
    ok = sum(EXPECTED_REVISION[c] == true_direction[n] for n, _, c in labels if c != "non")
    print(f"revision accuracy on the {len(plag)} plagiarised answers: {ok}/{len(plag)} = {ok / len(plag):.0%}")

    wrong = [(n, c, r) for n, _, c, r in results
             if (c == "non") != (r["placement"] == "unrelated") or (c != "non" and r["placement"] != "under its original")]
    if wrong:
        print("\nMisplaced answers")
        print(tabulate([[n, c, r["placement"], r["source"] or "-", r.get("direction") or "-", r["revision"],
                         ", ".join(r.get("others") or []) or "-"] for n, c, r in wrong],
                       headers=["answer", "category", "placement", "story source", "edge", "revision", "other originals in story"]))
    print(f"\ntime: {wall:.1f} s wall, {cpu:.1f} s CPU for {len(results)} traces "
          f"({1000 * wall / len(results):.0f} ms per trace)")


if __name__ == "__main__":
    main()
