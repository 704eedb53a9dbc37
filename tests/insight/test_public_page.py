"""`/etat-de-l-offre/`: the main figures and the coverage of the region, for everyone."""

import csv
import io

import pytest
from django.test import Client

from annuaire.insight import coverage
from annuaire.insight.territory import instance_territory
from annuaire.taxonomy.models import Category
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, RENNES, commune

pytestmark = pytest.mark.django_db


def test_it_shows_the_figures_and_the_coverage_of_the_region() -> None:
    OfferFactory(commune=commune(RENNES))
    OfferFactory(commune=commune(BREST))
    response = Client().get("/etat-de-l-offre/", {"categorie": "psychologie", "km": "20"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "État de l'offre de soins de support – Bretagne" in html
    report = coverage.compute([Category.objects.get(code="psychologie")], instance_territory(), 20)[0]
    assert f"<strong>{round(report.share_within * 100)} %</strong> des habitants vivent à moins de 20 km" in html
    assert "Prise en charge psychologique" in html
    assert 'id="carte-couverture-donnees"' in html
    assert "Télécharger la liste des communes (CSV)" in html


def test_it_reads_last_nights_distances_in_a_constant_number_of_queries(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    OfferFactory(commune=commune(RENNES))
    coverage.store(instance_territory(), Category.objects.active())
    # region, categories, stored distances, sub-categories; figures: départements, links,
    # offers, categories, snapshots
    with django_assert_num_queries(9):
        assert Client().get("/etat-de-l-offre/").status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"categorie": "astrologie"}, "Type de soin inconnu"),
        ({"km": "loin"}, "La distance doit être un nombre"),
        ({"km": "0"}, "La distance doit être comprise entre 1 et 200 km"),
        ({"sous_categorie": "reiki"}, "Soin inconnu"),
    ],
)
def test_bad_parameters_get_a_french_message(params: dict[str, str], message: str) -> None:
    response = Client().get("/etat-de-l-offre/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_gaps_download_has_the_command_columns() -> None:
    OfferFactory(commune=commune(RENNES))
    response = Client().get("/etat-de-l-offre/couverture.csv", {"categorie": "psychologie", "km": "30"})
    assert response["Content-Disposition"] == 'attachment; filename="couverture-psychologie-30km.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0])[:4] == ["code_insee", "commune", "departement", "population"]
    assert all(float(r["distance_km"]) > 30 for r in rows)
    assert Client().get("/etat-de-l-offre/couverture.csv", {"categorie": "x"}).status_code == 400


def test_the_privacy_page_describes_the_search_statistics_with_the_retention_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SEARCH_STATS_RETENTION_MONTHS = 7
    html = Client().get("/donnees-personnelles/").content.decode()
    assert "<strong>jamais</strong> votre adresse IP, un cookie, le nom de votre navigateur" in html
    assert "Les compteurs sont effacés après 7 mois." in html
    assert "Un groupe de moins de 5 recherches n'est jamais affiché." in html
    assert 'href="/donnees-personnelles/"' in Client().get("/").content.decode()  # linked from every page
