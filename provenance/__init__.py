"""provenance: trace syndicated text. Which articles share wire text, which one is the original,
who copied from whom, and what each outlet changed.

Public API (pure functions over the data model in :mod:`provenance.model`)::

    doc = make_document("afp.txt", text)          # Document with Tokens (character offsets)
    alignment = align_documents(parent, child)    # Alignment: Blocks over both token sequences
    edits = classify_edits(alignment)             # typed Edits (kind, severity, spans, note)
    trace = trace_documents([doc_a, doc_b, ...])  # Trace: stories (source, tree of Edges), unrelated
"""

from .align.aligner import align_documents, diff_codes
from .edits.classify import classify_edits
from .inputs.documents import Decoded, InputError, decode_bytes, make_document
from .inputs.formats import Loaded, html_to_document, iter_jsonl_documents, jsonl_to_documents, load_document
from .model import EDIT_KINDS, SEVERITIES, Alignment, Block, Document, Edge, Edit, Story, Token, Trace
from .text.segment import Segment, paragraphs, sentences
from .settings import DEFAULT_SETTINGS, Settings
from .lineage.story import derived_label, revision_label, story_variant_table, trace_documents
from .text.tokenize import normalize_token, tokenize
from .lineage.variants import VariantLocation, VariantTable, variant_table

__version__ = "0.1.0"

__all__ = [
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
