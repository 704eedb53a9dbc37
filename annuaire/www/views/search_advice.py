"""What to try when a search finds nothing: wider radius, one filter less, another département.

Each piece of advice carries the number of offers it would find: at most `MAX_ADVICE`
pieces, so at most as many count queries (the wider radii share one).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from annuaire.core.text import format_km
from annuaire.directory.search import CHOICE_LABELS, SearchCriteria, count_found, counts_within
from annuaire.geo.models import Departement

WIDER_RADII = [50, 100]
MAX_ADVICE = 8  # pieces of advice at most, so at most 8 count queries


@dataclass
class Advice:
    text: str
    url: str
    count: int


def widening_advice(params: QueryDict, criteria: SearchCriteria, departements: list[Departement]) -> list[Advice]:
    """Ways to widen a search without result, each with its count (at most MAX_ADVICE of them)."""
    advice = []
    if criteria.commune is not None and criteria.radius_km is not None:
        radii = [float(radius) for radius in WIDER_RADII if radius > criteria.radius_km]
        # The wider radii are counted together, in one query.
        for radius, count in counts_within(criteria, radii).items():
            advice.append(
                Advice(
                    text=f"Chercher dans un rayon de {format_km(radius)} km",
                    url=_url_with(params, {"rayon": format_km(radius)}),
                    count=count,
                )
            )
    candidates: list[tuple[str, SearchCriteria, dict[str, str | None]]] = []
    if criteria.text:
        candidates.append((f"Retirer les mots-clés « {criteria.text} »", criteria.widened(text=""), {"q": None}))
    if criteria.subcategories:
        candidates.append(
            ("Retirer le choix des soins précis", criteria.widened(subcategories=()), {"sous_categorie": None})
        )
    for name in criteria.choices:
        choices = {key: value for key, value in criteria.choices.items() if key != name}
        candidates.append(
            (f"Retirer le filtre « {CHOICE_LABELS[name]} »", criteria.widened(choices=choices), {name: None})
        )
    if criteria.free_only:
        candidates.append(
            ("Inclure les offres avec un reste à charge", criteria.widened(free_only=False), {"gratuit": None})
        )
    if criteria.parcours_global:
        candidates.append(
            (
                "Ne pas se limiter au parcours de soins global",
                criteria.widened(parcours_global=False),
                {"parcours": None},
            )
        )
    if criteria.departement is not None:
        neighbours = [
            d for d in departements if d.region_id == criteria.departement.region_id and d != criteria.departement
        ]
        for departement in neighbours:
            candidates.append(
                (
                    f"Chercher dans le département {departement}",
                    criteria.widened(departement=departement),
                    {"departement": departement.code},
                )
            )
    if criteria.category is not None and len(candidates) < MAX_ADVICE - len(advice):
        candidates.append(
            (
                "Chercher tous les types de soins",
                criteria.widened(category=None, subcategories=()),
                {"categorie": None, "sous_categorie": None},
            )
        )
    for text, widened, changes in candidates[: MAX_ADVICE - len(advice)]:
        count = count_found(widened)
        advice.append(Advice(text=text, url=_url_with(params, changes), count=count))
    return advice


def _url_with(params: QueryDict, changes: dict[str, str | None]) -> str:
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
