"""Stage 1, inputs: bytes to documents. Decoding (charset sniffing), HTML article extraction, JSON Lines records, and the size and format limits on what is read. Owns :class:`InputError`."""


class InputError(ValueError):
    """Input that cannot be traced: binary, empty, too large or undecodable. The message is one line.

    Defined here, not in a module of the stage, so that the command line can catch it without
    importing the tokenizer at start-up.
    """
