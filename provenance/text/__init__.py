"""Stage 2, text: tokens with character offsets, sentence and paragraph segments, and the language resources (lexicon over ``provenance/data``) that later stages read."""
