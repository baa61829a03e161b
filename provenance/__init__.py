"""provenance: trace syndicated text. Which articles share wire text, which one is the original,
who copied from whom, and what each outlet changed.

Public API (pure functions over the data model in :mod:`provenance.model`)::

    doc = make_document("afp.txt", text)          # Document with Tokens (character offsets)
    alignment = align_documents(parent, child)    # Alignment: Blocks over both token sequences
"""

from .align import align_documents, diff_codes
from .documents import Decoded, InputError, decode_bytes, make_document
from .model import EDIT_KINDS, SEVERITIES, Alignment, Block, Document, Edge, Edit, Story, Token, Trace
from .segment import Segment, paragraphs, sentences
from .settings import DEFAULT_SETTINGS, Settings
from .tokenize import normalize_token, tokenize

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
    "align_documents",
    "decode_bytes",
    "diff_codes",
    "make_document",
    "normalize_token",
    "paragraphs",
    "sentences",
    "tokenize",
]
