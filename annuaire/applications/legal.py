"""The charter (seed 003, Annexe 5) and the terms of use (CGU), as versioned texts.

Each version is a template file kept for ever: an acceptance stores the kind and the
version number, so the exact text someone accepted can always be shown again
(`/charte/version-1/`). A new version is a new file and a new line below, never an edit
of a published one (ADR 0015).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from annuaire.applications.enums import LegalTextKind


@dataclass(frozen=True)
class LegalText:
    kind: str
    version: str
    published_on: date
    template: str

    @property
    def title(self) -> str:
        return LegalTextKind(self.kind).label


_VERSIONS: dict[str, tuple[LegalText, ...]] = {
    LegalTextKind.CHARTER: (
        LegalText(LegalTextKind.CHARTER, "1", date(2026, 12, 1), "applications/legal/charte_v1.html"),
    ),
    LegalTextKind.TERMS: (LegalText(LegalTextKind.TERMS, "1", date(2026, 12, 1), "applications/legal/cgu_v1.html"),),
}


def versions(kind: str) -> tuple[LegalText, ...]:
    """Every version of a text, oldest first."""
    return _VERSIONS[kind]


def current(kind: str) -> LegalText:
    return _VERSIONS[kind][-1]


def find(kind: str, version: str) -> LegalText | None:
    return next((text for text in _VERSIONS.get(kind, ()) if text.version == version), None)
