"""Offers near the person for each theme that weighs, found through the public search.

One bounded pass over the published offers near the commune (the domain's search, by
distance), then the nearest few per theme, then those offers with everything a card shows:
a constant number of queries, whatever the number of themes.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from django.db.models import Q

from annuaire.directory.models import Offer
from annuaire.directory.search import SearchCriteria
from annuaire.geo.models import Commune
from annuaire.needs.assessment import ThemeNeed

# Candidates read (id, category, distance only) before picking the nearest per theme.
MAX_CANDIDATES = 500


@dataclass
class NearbyOffer:
    offer: Offer
    distance_km: float


def nearby_offers(
    needs: list[ThemeNeed], commune: Commune, radius_km: float, per_theme: int = 3, distinct: bool = False
) -> dict[int, list[NearbyOffer]]:
    """The nearest published offers answering each theme, by theme pk, nearest first.

    `distinct` keeps each offer under the first (heaviest) theme it answers only."""
    if not needs:
        return {}
    category_ids = set().union(*(need.category_ids() for need in needs))
    subcategory_ids = set().union(*(need.subcategory_ids() for need in needs))
    through = Offer.subcategories.through
    candidates = list(
        Offer.objects.search(SearchCriteria(commune=commune, radius_km=radius_km))
        .filter(
            Q(category_id__in=category_ids)
            | Q(pk__in=through.objects.filter(subcategory_id__in=subcategory_ids).values("offer_id"))
        )
        .values_list("pk", "category_id", "distance_km")[:MAX_CANDIDATES]  # type: ignore[misc]
    )
    if not candidates:
        return {need.theme.pk: [] for need in needs}
    links: dict[int, set[int]] = {}
    for offer_id, subcategory_id in through.objects.filter(
        offer_id__in=[pk for pk, _, _ in candidates], subcategory_id__in=subcategory_ids
    ).values_list("offer_id", "subcategory_id"):
        links.setdefault(offer_id, set()).add(subcategory_id)

    chosen: dict[int, list[tuple[int, float]]] = {}
    taken: set[int] = set()
    for need in needs:
        # The nearest offers of each kind of care, then taken in turn: fatigue shows
        # adapted physical activity *and* a dietitian, not three dietitians.
        by_kind: list[list[tuple[int, float]]] = [[] for _ in need.care]
        for pk, category_id, distance in candidates:  # nearest first
            if distinct and pk in taken:
                continue
            index = need.care_index(category_id, links.get(pk, set()))
            if index is not None and len(by_kind[index]) < per_theme:
                by_kind[index].append((pk, distance))
        picks = [pick for rank in zip_longest(*by_kind) for pick in rank if pick is not None][:per_theme]
        chosen[need.theme.pk] = sorted(picks, key=lambda pick: pick[1])
        taken.update(pk for pk, _ in picks)
    offers = (
        Offer.objects.published().with_result_relations().in_bulk({pk for picks in chosen.values() for pk, _ in picks})
    )
    return {
        theme_pk: [NearbyOffer(offers[pk], distance) for pk, distance in picks if pk in offers]
        for theme_pk, picks in chosen.items()
    }
