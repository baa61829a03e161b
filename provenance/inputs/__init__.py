"""Stage 1, inputs: bytes to documents. Decoding (charset sniffing), HTML article extraction, JSON Lines records, and the size and format limits on what is read. Owns :class:`InputError`."""
