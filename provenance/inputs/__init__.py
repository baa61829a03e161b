"""Stage 1, inputs: bytes to documents. Decoding (charset sniffing), HTML article extraction, JSON Lines records, and the size and format limits on what is read. Owns :class:`InputError`."""


class InputError(ValueError):
    """Input that cannot be traced: binary, empty, too large or undecodable. The message is one line.

    Defined here, not in a module of the stage, so that the command line can catch it without
    importing the tokenizer at start-up.
    """


def file_identity(name: str) -> tuple[int, int] | None:
    """``(device, inode)`` of a regular file: ``f``, ``./f``, an absolute path or a symlink to it
    are the same file. ``None`` for stdin, non-regular and unreadable paths (reading reports those)."""
    import os
    import stat

    if name == "-":
        return None
    try:
        st = os.stat(name)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None
