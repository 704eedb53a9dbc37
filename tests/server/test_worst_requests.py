"""The worst request each public endpoint (FHIR aside) accepts: every filter at its largest,
the largest pages, the longest texts. Each answers in a fixed number of SQL queries with a
bounded page; past the caps the request is refused in French, never served at any cost."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from annuaire.core.forms import MAX_CODES
from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Phase
from annuaire.directory.models import Offer
from annuaire.directory.search import MAX_RADIUS_KM
from annuaire.taxonomy.models import Category
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db

LONG_TEXT = " ".join(["sophrologie", "psychologue", "douleur", "yoga"] * 12)[:200]


@pytest.fixture
def directory() -> Iterator[list[Offer]]:
    offers = []
    for n in range(30):
        structure = StructureFactory()
        extra = PlaceFactory(structure=structure, commune=commune(QUIMPER))
        offer = OfferFactory(structure=structure, commune=commune([BREST, RENNES][n % 2]), title=f"Sophrologie {n}")
        offer.places.add(extra)
        offers.append(offer)
    yield offers


def every_filter(category: Category, commune: str = "Rennes") -> dict[str, Any]:
    """`commune` as people type it (the web form) or as an INSEE code (the API)."""
    return {
        "q": LONG_TEXT,
        "categorie": category.code,
        "sous_categorie": [sub.code for sub in category.subcategories.all()],
        "commune": commune,
        "rayon": str(MAX_RADIUS_KM),
        "public": list(Audience.values),
        "age": list(AgeGroup.values),
        "lieu": list(CareSetting.values),
        "phase": list(Phase.values),
        "acces": list(Access.values),
        "gratuit": "true",
        "parcours": "true",
        "departement": "35",
    }


WORST = [
    # (label, URL builder, most SQL queries). With every filter nothing matches: the page then
    # counts each way of widening the search (a fixed list of suggestions); the search is
    # counted once for the network's statistics (one upsert, after loading the taxonomy's words).
    ("HTML search, every filter", lambda o, c: ("/", {**every_filter(c), "page": "2"}), 18),
    ("HTML search, no filter, far page", lambda o, c: ("/", {"page": "999999999"}), 8),
    ("HTML search partial (htmx)", lambda o, c: ("/", every_filter(c)), 18),
    ("commune suggestions", lambda o, c: ("/communes/suggestions/", {"commune": "saint " * 30}), 1),
    ("offer page", lambda o, c: (o[0].get_absolute_url(), {}), 8),
    ("structure page", lambda o, c: (o[0].structure.get_absolute_url(), {}), 8),
    (
        "orientation sheet, a thousand ids",
        lambda o, c: ("/fiche-orientation/", {"offre": ",".join(str(n) for n in range(1, 1001))}),
        8,
    ),
    ("API offers, every filter", lambda o, c: ("/api/v1/offres", {**every_filter(c, RENNES), "taille": "100"}), 8),
    ("API structures", lambda o, c: ("/api/v1/structures", {"taille": "100", "modifie_depuis": "2000-01-01"}), 4),
    ("API places", lambda o, c: ("/api/v1/lieux", {"taille": "100", "departement": "29"}), 4),
    ("API communes", lambda o, c: ("/api/v1/communes", {"q": "saint " * 16}), 2),
    ("API taxonomy", lambda o, c: ("/api/v1/taxonomie", {}), 3),
    ("data·inclusion structures", lambda o, c: ("/api/v1/data-inclusion/structures", {"taille": "250"}), 6),
    ("data·inclusion services", lambda o, c: ("/api/v1/data-inclusion/services", {"taille": "250"}), 8),
    ("open data page", lambda o, c: ("/donnees-ouvertes/", {}), 0),
]


@pytest.mark.parametrize(("label", "build", "most"), WORST, ids=[w[0] for w in WORST])
def test_the_worst_accepted_request_costs_a_fixed_number_of_queries(
    directory: list[Offer],
    label: str,
    build: Callable[[list[Offer], Category], tuple[str, dict[str, Any]]],
    most: int,
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    url, params = build(directory, Category.objects.get(code="psychologie"))
    headers = {"HX-Request": "true"} if "htmx" in label else {}
    with django_assert_max_num_queries(most):
        response = Client().get(url, params, headers=headers)
    assert response.status_code == 200, (label, response.content[:300])


def test_more_codes_than_any_vocabulary_holds_are_refused(directory: list[Offer]) -> None:
    codes = ",".join(f"code-{n}" for n in range(MAX_CODES + 1))
    assert Client().get("/api/v1/offres", {"sous_categorie": codes}).status_code == 400
    assert "Trop de valeurs : 100 au plus." in Client().get("/", {"sous_categorie": codes}).content.decode()


def test_more_than_a_thousand_parameters_are_refused_in_french(directory: list[Offer]) -> None:
    query = "&".join(f"age=aja{n}" for n in range(1001))
    for url in ("/", "/api/v1/offres"):
        response = Client().get(f"{url}?{query}")
        assert response.status_code == 400
        assert "La requête contient trop de paramètres : 1000 au plus." in response.content.decode()
