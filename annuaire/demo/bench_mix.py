"""The fixed request mix of `make bench` (docs/benchmarks.md): realistic public requests,
each search URL once per run, built deterministically from the data in the database.

Every request has a kind; `SEARCH_KIND` (the plain commune + category search that the
home form sends) is the figure compared with the trivial page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count

from annuaire.directory.models import Offer, Place
from annuaire.geo.models import Commune
from annuaire.taxonomy.models import Category, SubCategory

TRIVIAL_KIND = "page triviale /a-propos/"
SEARCH_KIND = "HTML commune + catégorie (formulaire)"
PAGE_SIZE: int = settings.SEARCH_PAGE_SIZE
WORDS = ["sophrologie", "psychologue", "yoga", "dieteticien", "socio-esthetique", "activite", "douleur", "sommeil"]
FILTERS = [
    ("public", "patients"),
    ("public", "proches"),
    ("age", "adultes"),
    ("lieu", "domicile"),
    ("phase", "apres-traitement"),
    ("acces", "non-suivis"),
    ("parcours", "on"),
    ("gratuit", "on"),
]


@dataclass(frozen=True)
class Request:
    kind: str
    path: str


def communes_with_offers(count: int, seed: int) -> list[Commune]:
    """`count` distinct communes that hold a published place, in a fixed shuffled order."""
    codes = sorted(
        set(
            Place.objects.filter(offers__in=Offer.objects.published(), commune__lat__isnull=False).values_list(
                "commune_id", flat=True
            )
        )
    )
    random.Random(seed).shuffle(codes)
    chosen = codes[:count]
    by_code = Commune.objects.in_bulk(chosen)
    return [by_code[code] for code in chosen]


DEEP_KIND = "HTML page profonde"
NO_FILTER_KIND = "HTML sans filtre"
OFFER_KIND = "page d'une offre"
DEEP_PAGE = 200


def request_mixes(per_kind: int, parts: int, seed: int) -> list[list[Request]]:
    """`parts` mixes (one per level of clients) of `per_kind` requests of each kind, each
    shuffled; no search URL appears twice across all of them (a response cache cannot help).

    Each search uses its own commune (as many as there are: they cycle only when the data
    holds fewer communes than searches, and the other parameters still differ)."""
    rng = random.Random(seed)
    total = per_kind * parts
    categories = list(Category.objects.active().values_list("code", flat=True).order_by("code"))
    subcategories = list(SubCategory.objects.active().values_list("code", flat=True).order_by("code"))
    communes = communes_with_offers(total * 8, seed)
    published = Offer.objects.published()
    offers = list(published.order_by("pk").values_list("pk", flat=True))
    per_category = dict(
        published.values_list("category__code").annotate(n=Count("pk")).values_list("category__code", "n")
    )
    chosen_offers = rng.sample(offers, min(total, len(offers)))
    offer_urls = {o.pk: o.get_absolute_url() for o in Offer.objects.filter(pk__in=chosen_offers)}
    mixes: list[list[Request]] = [[] for _ in range(parts)]
    for i in range(total):
        c = [communes[(i * 8 + j) % len(communes)] for j in range(8)]
        category = categories[i % len(categories)]
        name, value = FILTERS[i % len(FILTERS)]
        word = WORDS[i % len(WORDS)]
        # Page 200 of the category at national scale; its last pages when it has fewer.
        pages = max(1, -(-per_category.get(category, 0) // PAGE_SIZE))
        deep = DEEP_PAGE - i // len(categories) if pages >= DEEP_PAGE else max(1, pages - i // len(categories))
        requests = [
            Request(SEARCH_KIND, "/?" + urlencode({"categorie": category, "commune": c[0].label})),
            Request("HTML commune + 30 km", "/?" + urlencode({"commune": c[1].label, "rayon": "30"})),
            Request(
                "HTML commune + filtre",
                "/?" + urlencode({"commune": c[2].label, name: value, "categorie": category}),
            ),
            Request("HTML département + sous-catégorie", "/?" + urlencode(_departement_search(c[3], subcategories, i))),
            Request("HTML texte libre", "/?" + urlencode({"q": word, "commune": c[4].label})),
            Request(NO_FILTER_KIND, "/?" + urlencode({"q": "", "page": str(1 + i)})),
            Request(DEEP_KIND, "/?" + urlencode({"categorie": category, "page": str(deep)})),
            Request(
                "API commune + catégorie", "/api/v1/offres?" + urlencode({"commune": c[5].code, "categorie": category})
            ),
            Request(
                "FHIR near", "/fhir/HealthcareService?" + urlencode({"location.near-insee-code": f"{c[6].code}|20|km"})
            ),
        ]
        if chosen_offers:
            requests.append(Request(OFFER_KIND, offer_urls[chosen_offers[i % len(chosen_offers)]]))
        mixes[i % parts] += [*requests, *[Request(TRIVIAL_KIND, "/a-propos/")] * 3]
    for mix in mixes:
        rng.shuffle(mix)
    return mixes


# How many times each worker serves each kind of request before the measure (on average).
WARM_UP_ROUNDS = 8


def warm_up_requests() -> list[Request]:
    """One request of each kind of the mix, from another draw than the measured ones.

    Each gunicorn worker serves them several times (`WARM_UP_ROUNDS`) before the timed
    requests: to load its code and templates, and, on PostgreSQL, for the search's
    prepared statements to have their plans (PostgreSQL plans a prepared statement for its
    values five times before it may keep a generic plan, docs/adr/0042). A short run would
    otherwise measure a cold start in its p95, which a worker pays once in its life."""
    first_of_kind: dict[str, Request] = {}
    for request in request_mixes(per_kind=1, parts=1, seed=0)[0]:
        first_of_kind.setdefault(request.kind, request)
    return list(first_of_kind.values())


def _departement_search(commune: Commune, subcategories: list[str], i: int) -> dict[str, str]:
    params = {"departement": commune.departement_id}
    if subcategories:
        params["sous_categorie"] = subcategories[i % len(subcategories)]
    return params
