"""provenance: trace syndicated text. Which articles share wire text, which one is the original,
who copied from whom, and what each outlet changed.

Public API (pure functions over the data model in :mod:`provenance.model`)::

    doc = make_document("afp.txt", text)          # Document with Tokens (character offsets)
    alignment = align_documents(parent, child)    # Alignment: Blocks over both token sequences
    edits = classify_edits(alignment)             # typed Edits (kind, severity, spans, note)
    trace = trace_documents([doc_a, doc_b, ...])  # Trace: stories (source, tree of Edges), unrelated
    result = check_reprint(source, reprint)       # CheckResult: verdict and findings under a Policy
    order = order_versions([v1, v2, v3])          # VersionOrder: versions of one text, oldest first
"""

from typing import TYPE_CHECKING

# Where each public name lives. Names are imported on first use (PEP 562), so that ``import
# provenance`` (and the command line, which is a submodule) does not pay for the alignment, the
# classifier and their dependencies before it needs them: start-up time is a feature of a CLI.
_EXPORTS = {
    "align_documents": "align.aligner",
    "diff_codes": "align.aligner",
    "classify_edits": "edits.classify",
    "Decoded": "inputs.documents",
    "InputError": "inputs.documents",
    "decode_bytes": "inputs.documents",
    "make_document": "inputs.documents",
    "Loaded": "inputs.formats",
    "html_to_document": "inputs.formats",
    "iter_jsonl_documents": "inputs.formats",
    "jsonl_to_documents": "inputs.formats",
    "load_document": "inputs.formats",
    "EDIT_KINDS": "model",
    "SEVERITIES": "model",
    "Alignment": "model",
    "Block": "model",
    "Document": "model",
    "Edge": "model",
    "Edit": "model",
    "Story": "model",
    "Token": "model",
    "Trace": "model",
    "Segment": "text.segment",
    "paragraphs": "text.segment",
    "sentences": "text.segment",
    "DEFAULT_SETTINGS": "settings",
    "Settings": "settings",
    "derived_label": "lineage.measures",
    "revision_label": "lineage.measures",
    "story_variant_table": "lineage.story",
    "trace_documents": "lineage.story",
    "normalize_token": "text.tokenize",
    "tokenize": "text.tokenize",
    "VariantLocation": "lineage.variants",
    "VariantTable": "lineage.variants",
    "variant_table": "lineage.variants",
    "VersionOrder": "lineage.versions",
    "order_versions": "lineage.versions",
    "CheckResult": "check.fidelity",
    "Finding": "check.fidelity",
    "check_reprint": "check.fidelity",
    "check_reprints": "check.fidelity",
    "DEFAULT_POLICY": "check.policy",
    "Policy": "check.policy",
    "PolicyError": "check.policy",
    "load_policy": "check.policy",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'provenance' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # static analysers and IDEs see the eager imports
    from .align.aligner import align_documents, diff_codes
    from .edits.classify import classify_edits
    from .inputs.documents import Decoded, InputError, decode_bytes, make_document
    from .inputs.formats import Loaded, html_to_document, iter_jsonl_documents, jsonl_to_documents, load_document
    from .lineage.measures import derived_label, revision_label
    from .lineage.story import story_variant_table, trace_documents
    from .lineage.variants import VariantLocation, VariantTable, variant_table
    from .lineage.versions import VersionOrder, order_versions
    from .check.fidelity import CheckResult, Finding, check_reprint, check_reprints
    from .check.policy import DEFAULT_POLICY, Policy, PolicyError, load_policy
    from .model import EDIT_KINDS, SEVERITIES, Alignment, Block, Document, Edge, Edit, Story, Token, Trace
    from .settings import DEFAULT_SETTINGS, Settings
    from .text.segment import Segment, paragraphs, sentences
    from .text.tokenize import normalize_token, tokenize

__version__ = "0.1.0"

__all__ = [  # every name in _EXPORTS (a test checks both agree)
    "CheckResult",
    "DEFAULT_POLICY",
    "Finding",
    "Policy",
    "PolicyError",
    "VersionOrder",
    "check_reprint",
    "check_reprints",
    "load_policy",
    "order_versions",
    "Alignment",
    "Block",
    "DEFAULT_SETTINGS",
    "Decoded",
    "Document",
    "EDIT_KINDS",
    "Edge",
    "Edit",
    "InputError",
    "SEVERITIES",
    "Segment",
    "Settings",
    "Story",
    "Token",
    "Trace",
    "VariantLocation",
    "VariantTable",
    "Loaded",
    "align_documents",
    "classify_edits",
    "derived_label",
    "html_to_document",
    "iter_jsonl_documents",
    "jsonl_to_documents",
    "load_document",
    "revision_label",
    "story_variant_table",
    "trace_documents",
    "variant_table",
    "decode_bytes",
    "diff_codes",
    "make_document",
    "normalize_token",
    "paragraphs",
    "sentences",
    "tokenize",
]
