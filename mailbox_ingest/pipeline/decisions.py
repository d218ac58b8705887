"""A record of which rules hit and missed for a message, stored with it for the reviewer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Decisions:
    """An ordered log of rule outcomes: (stage, rule, hit, detail)."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    def record(self, stage: str, rule: str, hit: bool, detail: str = "") -> bool:
        """Add one rule outcome and return `hit` so it can be used inline."""
        self.entries.append({"stage": stage, "rule": rule, "hit": hit, "detail": detail})
        return hit

    def hits(self, stage: str | None = None) -> list[dict[str, Any]]:
        """The rules that hit, optionally for one stage."""
        return [e for e in self.entries if e["hit"] and (stage is None or e["stage"] == stage)]
