"""Fictitious directory rows (the demo region) and whether any is loaded.

Fictitious structures are recognised by their public e-mail at a sub-domain of
`FICTITIOUS_DOMAIN` (a reserved `.invalid` domain: no mail can reach it). Every page
says "Site de démonstration : données fictives" while any is loaded (docs/domain.md).

The answer is cached (`CACHE_SECONDS`), so that pages do not pay a query each: at most
one query per cache period and process, whatever the page. The demo tooling calls
`remember` after writing or deleting rows, so that the same process knows at once.
"""

from __future__ import annotations

from django.core.cache import cache

from annuaire.core import published
from annuaire.directory.models import Structure, StructureQuerySet

FICTITIOUS_DOMAIN = "demo-sos.invalid"
CACHE_KEY = "annuaire:fictitious-data-loaded"
CACHE_SECONDS = 300


def fictitious_structures() -> StructureQuerySet:
    return Structure.objects.filter(email__endswith="." + FICTITIOUS_DOMAIN)


def demo_data_loaded() -> bool:
    loaded = cache.get(CACHE_KEY)
    if loaded is None:
        loaded = fictitious_structures().exists()
        cache.set(CACHE_KEY, loaded, CACHE_SECONDS)
    return bool(loaded)


def remember(loaded: bool) -> None:
    """After writing or deleting demo rows."""
    cache.set(CACHE_KEY, loaded, CACHE_SECONDS)
    # The demo banner is on every public page: cached answers are dropped.
    published.changed()
