"""The network's screens show the territory of the person who looks at them."""

import csv
import io
from datetime import date

import pytest
from django.test import RequestFactory
from django.utils import timezone

from annuaire.insight.models import SearchCount
from annuaire.insight.territory import Territory
from annuaire.insight.views import downloads, network
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, RENNES, commune

pytestmark = pytest.mark.django_db

URLS = {
    name: f"/reseau/{name}/"
    for name in ["coverage", "coverage_download", "searches", "searches_download", "figures", "figures_download"]
}
FINISTERE = Territory("Finistère", departements=frozenset({"29"}))


def get(params: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return RequestFactory().get("/", params or {})


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def test_the_coverage_screen_lists_the_communes_of_the_territory_only() -> None:
    OfferFactory(commune=commune(BREST))
    html = network.coverage_screen(get({"categorie": "psychologie", "km": "10"}), FINISTERE, URLS).content.decode()
    assert "Couverture – Finistère" in html
    assert "Quimper" in html  # 29, farther than 10 km from Brest
    assert "Saint-Malo" not in html  # 35


def test_the_searches_screen_names_the_criteria_and_hides_small_groups() -> None:
    SearchCount.objects.create(
        day=this_month(), category="sexualite", departement="29", filters="age=aja", result_count=0, searches=6
    )
    SearchCount.objects.create(day=this_month(), category="fertilite", departement="29", result_count=0, searches=4)
    SearchCount.objects.create(day=this_month(), category="nutrition", departement="35", result_count=0, searches=9)
    html = network.searches_screen(get(), FINISTERE, URLS).content.decode()
    assert "Prise en charge des troubles de la sexualité" in html
    assert "Adolescents et jeunes adultes (15-25 ans)" in html
    assert "Préservation de la fertilité" not in html  # 4 searches: never shown
    assert "Prise en charge diététique" not in html  # another territory
    rows = list(
        csv.DictReader(io.StringIO(downloads.searches_download(get(), FINISTERE, "csv").content.decode("utf-8-sig")))
    )
    assert [(r["categorie"], r["recherches"], r["sans_resultat"]) for r in rows] == [("sexualite", "6", "6")]


def test_the_figures_screen_counts_the_offers_of_the_territory() -> None:
    OfferFactory(commune=commune(BREST))
    OfferFactory(commune=commune(RENNES))
    response = network.figures_screen(get(), FINISTERE, URLS)
    html = response.content.decode()
    assert "Chiffres de l'année – Finistère" in html
    assert "<strong>1</strong> offres publiées" in html
