"""Stage 4, edits: an alignment to typed :class:`~provenance.model.Edit` records (grouping of blocks, the classification rules, numbers, quotes, datelines, furniture)."""
