"""When a failed delivery is tried again, and when it is given up (dead-letter)."""

from __future__ import annotations

from dataclasses import dataclass

# Answers that will not change by themselves: retrying only hammers the receiver.
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 405, 410, 413, 422})


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 8
    base_s: float = 30.0
    max_s: float = 3600.0

    def delay_after(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failure: base, 2·base, 4·base... capped."""
        return float(min(self.base_s * 2 ** max(attempts - 1, 0), self.max_s))

    def gives_up(self, attempts: int, status: int | None) -> bool:
        return attempts >= self.max_attempts or status in PERMANENT_STATUSES
