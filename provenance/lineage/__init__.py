"""Stage 5, lineage: pair measures (related, derived and revision labels), direction evidence, the copy tree of each story, and the variant table across a story."""
