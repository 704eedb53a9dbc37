"""`GET /api/v1/offres`: every search parameter, through the API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Cost, Phase
from annuaire.directory.models import Offer
from tests.api.helpers import get, titles
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, VANNES, commune

pytestmark = pytest.mark.django_db


def test_it_filters_by_category() -> None:
    OfferFactory(title="Diététique", subcategory_codes=["consultation-dieteticien"])
    OfferFactory(title="Psychologue")
    assert titles(categorie="nutrition") == ["Diététique"]


def test_it_filters_by_subcategories_repeated_or_comma_separated() -> None:
    OfferFactory(title="Diététique", subcategory_codes=["consultation-dieteticien"])
    OfferFactory(title="Psychologue")
    OfferFactory(title="Autre")
    Offer.objects.filter(title="Autre").get().subcategories.clear()
    expected = ["Diététique", "Psychologue"]
    assert titles(sous_categorie=["consultation-dieteticien", "consultation-psychologue"]) == expected
    assert titles(sous_categorie="consultation-dieteticien,consultation-psychologue") == expected


def test_it_filters_by_departement() -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Vannes", commune=commune(VANNES))
    assert titles(departement="29") == ["À Brest"]


def test_it_filters_by_commune_and_radius_sorted_by_distance() -> None:
    OfferFactory(title="À Brest", commune=commune(BREST))
    OfferFactory(title="À Quimper", commune=commune(QUIMPER))
    OfferFactory(title="À Rennes", commune=commune(RENNES))
    assert titles(code_postal="29000", rayon="100") == ["À Quimper", "À Brest"]
    assert titles(commune=QUIMPER, rayon="300") == ["À Quimper", "À Brest", "À Rennes"]
    assert titles(commune=RENNES) == ["À Rennes"]  # 20 km by default


@pytest.mark.parametrize(
    ("parameter", "field", "code"),
    [
        ("public", "audiences", Audience.RELATIVES),
        ("age", "age_groups", AgeGroup.AJA),
        ("lieu", "care_settings", CareSetting.HOME),
        ("phase", "phases", Phase.AFTER),
        ("acces", "access", Access.NOT_FOLLOWED_HERE),
    ],
)
def test_it_filters_by_each_vocabulary(parameter: str, field: str, code: str) -> None:
    OfferFactory(title="Correspond", **{field: [code]})
    OfferFactory(title="Ne correspond pas", **{field: []})
    assert titles(**{parameter: code}) == ["Correspond"]


def test_it_filters_the_parcours_global() -> None:
    OfferFactory(title="Parcours", parcours_global=True)
    OfferFactory(title="Hors parcours")
    assert titles(parcours="true") == ["Parcours"]


def test_it_keeps_only_offers_free_for_the_patient() -> None:
    OfferFactory(title="Gratuit", cost=Cost.FREE)
    OfferFactory(title="Remboursé", cost=Cost.COVERED)
    OfferFactory(title="Payant", cost=Cost.PARTLY_PAID, cost_amount=30)
    assert titles(gratuit="true") == ["Gratuit", "Remboursé"]


def test_it_searches_words_without_accents() -> None:
    OfferFactory(title="Atelier de diététique", subcategory_codes=["consultation-dieteticien"])
    OfferFactory(title="Yoga")
    assert titles(q="DIETETIQUE") == ["Atelier de diététique"]


def test_it_gives_offers_modified_since_a_date_for_incremental_sync() -> None:
    old, recent = OfferFactory(title="Ancienne"), OfferFactory(title="Récente")
    now = timezone.now()
    Offer.objects.filter(pk=old.pk).update(updated_at=now - timedelta(days=10))
    Offer.objects.filter(pk=recent.pk).update(updated_at=now)
    since = now - timedelta(days=5)
    assert titles(modifie_depuis=since.date().isoformat()) == ["Récente"]
    assert titles(modifie_depuis=since.isoformat()) == ["Récente"]
    assert titles(modifie_depuis=since.strftime("%Y-%m-%dT%H:%M:%S")) == ["Récente"]  # Paris time
    assert titles(modifie_depuis=(now - timedelta(days=20)).isoformat()) == ["Ancienne", "Récente"]


def test_it_pages_by_20_and_accepts_a_page_size_up_to_100() -> None:
    for n in range(23):
        OfferFactory(title=f"Offre {n:02d}")
    first = get("/api/v1/offres")
    assert first["count"] == 23
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/offres?page=2"
    second = get("/api/v1/offres", page="2")
    assert [r["nom"] for r in second["results"]] == ["Offre 20", "Offre 21", "Offre 22"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/offres"
    assert len(get("/api/v1/offres", taille="100")["results"]) == 23
    assert get("/api/v1/offres", taille="5", categorie="psychologie")["next"] == (
        "http://testserver/api/v1/offres?categorie=psychologie&page=2&taille=5"
    )
