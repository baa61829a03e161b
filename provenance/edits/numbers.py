"""Numeric values of number tokens, so that reformatting (``13,000`` / ``13 000``) is told from a change."""

from __future__ import annotations

import re

__all__ = ["number_value", "number_values"]


_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9}


def number_value(text: str) -> float:
    """The value of one number token: ``13,000`` and ``13.000,5`` style separators, ``$60``, ``24.3%``,
    ``$2bn``. A lone comma before three digits groups thousands; a lone full stop is a decimal point."""
    raw = text.strip("$€£¥₹%")
    scale = 1.0
    for suffix, factor in _SCALE.items():
        if raw.endswith(suffix):
            raw, scale = raw[: -len(suffix)], factor
            break
    raw = raw.replace("\u00a0", "").replace("\u202f", "")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in raw:
        groups = raw.split(",")
        raw = "".join(groups) if all(len(g) == 3 for g in groups[1:]) else raw.replace(",", ".", 1).replace(",", "")
    elif raw.count(".") > 1:
        raw = raw.replace(".", "")
    try:
        return float(raw) * scale
    except ValueError:
        return float(re.sub(r"\D", "", raw) or 0) * scale


def number_values(tokens) -> list[float]:
    """Numeric values of the number tokens, in order; ``13 000`` (a number of at most three digits,
    one space, then exactly three digits) is one value, as French and SI style write thousands."""
    values: list[float] = []
    prev = None
    for tok in tokens:
        if tok.kind != "number":
            prev = None
            continue
        if (prev is not None and tok.start - prev.end == 1 and re.fullmatch(r"\d{3}", tok.text)
                and re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})*", "".join(prev_parts))):
            values[-1] = values[-1] * 1000 + float(tok.text)
            prev_parts.append(" " + tok.text)
            prev = tok
            continue
        values.append(number_value(tok.text))
        prev, prev_parts = tok, [tok.text]
    return values
