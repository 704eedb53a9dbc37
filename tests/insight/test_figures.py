"""The yearly figures: counts by kind of care, département, kind of structure, cost; freshness;
monthly snapshots; downloads safe to open in a spreadsheet."""

import csv
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from openpyxl import load_workbook

from annuaire.directory.enums import Cost, PublicationStatus, StructureKind
from annuaire.insight import figures
from annuaire.insight.models import MonthlySnapshot
from annuaire.insight.tables import csv_text, neutralise, xlsx_bytes
from annuaire.insight.territory import Territory
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)
BRITTANY = Territory.of_region("53", "Bretagne")


def _directory() -> None:
    brest = StructureFactory(commune=commune(BREST), kind=StructureKind.ETABLISSEMENT_SANTE, postal_code="29200")
    OfferFactory(structure=brest, appointment_delay_days=10, last_verified_at=date(2026, 3, 1))
    OfferFactory(
        structure=brest,
        subcategory_codes=["consultation-dieteticien"],
        cost=Cost.COVERED,
        appointment_delay_days=30,
        last_verified_at=date(2025, 6, 1),
    )
    OfferFactory(commune=commune(RENNES), appointment_delay_days=20, cost=Cost.PARTLY_PAID, cost_amount=10)
    OfferFactory(commune=commune(QUIMPER), status=PublicationStatus.DRAFT)  # not public: not counted


def test_it_counts_published_offers_and_structures_by_category_departement_kind_and_cost() -> None:
    _directory()
    f = figures.compute(BRITTANY, TODAY)
    assert (f.offers, f.structures) == (3, 2)
    psychology = next(r for r in f.by_category if r.category.code == "psychologie")
    assert (psychology.offers, psychology.structures, psychology.median_delay_days) == (2, 2, 15.0)
    assert dict(zip([d.code for d in f.departements], psychology.by_departement, strict=True)) == {
        "22": 0,
        "29": 1,
        "35": 1,
        "56": 0,
    }
    kinds = {r.label: (r.offers, r.structures) for r in f.by_kind}
    assert kinds["Établissement de santé"] == (2, 1)
    assert kinds["Association"] == (1, 1)
    assert {r.label: r.offers for r in f.by_cost} == {
        "Gratuit": 1,
        "Pris en charge (Assurance maladie, mutuelle)": 1,
        "Reste à charge pour la personne": 1,
    }
    assert f.median_delay_days == 20.0


def test_the_share_verified_counts_offers_verified_in_the_last_twelve_months() -> None:
    _directory()
    f = figures.compute(BRITTANY, TODAY)
    assert f.verified_offers == 2  # the dietitian was verified in June 2025
    assert f.verified_share == pytest.approx(2 / 3)


def test_the_monthly_snapshot_is_idempotent_and_feeds_the_changes_over_the_year() -> None:
    _directory()
    figures.take_snapshot(BRITTANY, date(2026, 11, 5))
    figures.take_snapshot(BRITTANY, date(2026, 11, 20))
    OfferFactory(commune=commune(RENNES))
    call_command("snapshot_insight", stdout=io.StringIO())
    assert MonthlySnapshot.objects.count() == 2
    months = [(s.month, s.figures["offers"]) for s in figures.compute(BRITTANY).months]
    assert months == [(date(2026, 11, 1), 3), (date(2026, 12, 1), 4)]


def test_cells_that_look_like_formulas_are_neutralised_in_csv_and_xlsx() -> None:
    assert [neutralise(v) for v in ["=SUM(A1)", "+33", "-1", "@cmd", "Douleur", 12, -3]] == [
        "'=SUM(A1)",
        "'+33",
        "'-1",
        "'@cmd",
        "Douleur",
        12,
        -3,
    ]
    rows = [['=HYPERLINK("x")', 3]]
    assert list(csv.reader(io.StringIO(csv_text(["libelle", "n"], rows))))[1] == ['\'=HYPERLINK("x")', "3"]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["libelle", "n"], rows, "Chiffres"))).active
    assert [c.value for c in sheet[2]] == ['\'=HYPERLINK("x")', 3]


def test_the_figures_download_as_csv_and_xlsx() -> None:
    _directory()
    response = Client().get("/etat-de-l-offre/chiffres.csv")
    assert response["Content-Disposition"] == 'attachment; filename="chiffres-offre.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    psychology = next(r for r in rows if r["categorie"] == "psychologie")
    assert (psychology["offres"], psychology["offres_29"], psychology["offres_35"]) == ("2", "1", "1")
    xlsx = Client().get("/etat-de-l-offre/chiffres.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:3] == ["categorie", "libelle", "offres"]
    assert psychology["structures_29"] == "1"
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames == ["Par type de soin", "Par type de structure", "Par coût", "Par mois", "Synthèse"]
    assert Client().get("/etat-de-l-offre/chiffres.pdf").status_code == 404


def test_a_coordinator_with_a_list_of_communes_sees_their_offers_and_their_departements() -> None:
    _directory()
    brest_area = Territory("Pays de Brest", communes=frozenset({BREST}))
    f = figures.compute(brest_area, TODAY)
    assert [d.code for d in f.departements] == ["29"]
    assert (f.offers, f.structures) == (2, 1)
