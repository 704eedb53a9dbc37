"""The geographic reference data is imported with the quirks of its source."""

import io

import pytest
from django.core.management import call_command

from annuaire.geo.lookup import commune_by_postal_code, resolve_place
from annuaire.geo.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris_lyon_marseille() -> None:
    call_command("load_geo", departements="75,69,13,01", verbosity=0, stdout=io.StringIO())


def test_paris_is_findable_although_the_file_lists_only_its_arrondissements(paris_lyon_marseille: None) -> None:
    paris = Commune.objects.lookup("paris").first()
    assert paris is not None
    assert paris.code == "75056"
    assert paris.population > 2_000_000
    assert 48.8 < (paris.lat or 0) < 48.9
    assert paris.arrondissements.count() == 20
    assert Commune.objects.lookup("75016").first() == paris


def test_lyon_and_marseille_are_communes_with_all_their_postal_codes(paris_lyon_marseille: None) -> None:
    lyon = Commune.objects.get(code="69123")
    marseille = Commune.objects.get(code="13055")
    assert lyon.name == "Lyon" and marseille.name == "Marseille"
    assert lyon.postal_codes.filter(code="69003").exists()
    assert Commune.objects.lookup("13008").first() == marseille
    assert commune_by_postal_code("75015").commune == Commune.objects.get(code="75056")


def test_five_digits_are_a_postal_code_even_when_they_are_also_an_insee_code(paris_lyon_marseille: None) -> None:
    # "13001" is both Aix-en-Provence's INSEE code and a Marseille postal code: people type postal codes.
    assert resolve_place("13001").commune == Commune.objects.get(code="13055")


def test_a_former_commune_name_finds_the_new_commune(paris_lyon_marseille: None) -> None:
    assert Commune.objects.lookup("Bellegarde-sur-Valserine").first().name == "Valserhône"  # type: ignore[union-attr]


def test_reloading_is_quick_and_creates_no_duplicates() -> None:
    before = Commune.objects.count()
    call_command("load_geo", departements="22,29,35,56", verbosity=0, stdout=io.StringIO())
    call_command("load_geo", departements="22,29,35,56", force=True, verbosity=0, stdout=io.StringIO())
    assert Commune.objects.count() == before
    assert Commune.objects.filter(departement__region_id="53").count() == 1206
