"""Throughput against a baseline on a shared, loaded machine: interleaved rounds, ratio of medians.

One pass of each method, timed apart, measures the machine's load as much as the code: on 2 cores
shared by several people a 1.5 s run and the 0.2 s baseline after it see different loads, and the
printed ratio wandered from 4.8x to 9.7x between runs of the same code. Here each round walks the
items in chunks and times, for every chunk, the method and the baseline back to back (which of the
two goes first alternates), so both see the same load within a fraction of a second. A round's time
is the sum over its chunks; the figure is the median round of each method and their ratio (the
ratio of medians), with the smallest and largest per-round ratio beside it to show the spread.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Callable, Sequence


@dataclass(frozen=True)
class Timing:
    ours: list[float]  # seconds per round, the method
    base: list[float]  # seconds per round, the baseline

    @property
    def ours_median(self) -> float:
        return statistics.median(self.ours)

    @property
    def base_median(self) -> float:
        return statistics.median(self.base)

    @property
    def ratio(self) -> float:
        """Median round of the method over median round of the baseline."""
        return self.ours_median / self.base_median

    @property
    def round_ratios(self) -> list[float]:
        return [o / b for o, b in zip(self.ours, self.base)]

    def summary(self) -> str:
        rr = self.round_ratios
        return (f"x{self.ratio:.1f} (ratio of medians over {len(self.ours)} interleaved rounds; "
                f"per-round ratios x{min(rr):.1f}-x{max(rr):.1f})")


def interleaved(ours: Callable[[Sequence], object], base: Callable[[Sequence], object], items: Sequence,
                rounds: int = 5, chunk: int = 20, setup: Callable[[Sequence], Sequence] | None = None) -> Timing:
    """Time ``ours(part)`` and ``base(part)`` over every chunk of ``items``, ``rounds`` times.

    Each callable must start from the raw items (no state carried between calls, so no cache of an
    earlier round makes a later one cheaper). With ``setup``, ``ours`` gets ``setup(part)`` instead,
    built untimed just before (``bench_fidelity``: fresh documents, tokenized, as its figure has
    always been defined)."""
    ours_t, base_t = [], []
    for r in range(rounds):
        o = b = 0.0
        for n, lo in enumerate(range(0, len(items), chunk)):
            part = items[lo : lo + chunk]
            prepared = setup(part) if setup is not None else part
            order = (ours, base) if (r + n) % 2 == 0 else (base, ours)
            for fn in order:
                t0 = time.perf_counter()
                fn(prepared if fn is ours else part)
                dt = time.perf_counter() - t0
                if fn is ours:
                    o += dt
                else:
                    b += dt
        ours_t.append(o)
        base_t.append(b)
    return Timing(ours_t, base_t)
