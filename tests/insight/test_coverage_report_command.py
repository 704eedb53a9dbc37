"""`manage.py coverage_report` prints the gaps as CSV on standard output."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from tests.directory.factories import OfferFactory, StructureFactory
from tests.insight.factories import hamlets

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("coverage_report", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_it_prints_the_communes_beyond_the_distance_with_the_agreed_columns() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    rows = run("--region", "99", "--categorie", "psychologie", "--km", "20")
    assert list(rows[0]) == [
        "code_insee",
        "commune",
        "departement",
        "population",
        "categorie",
        "sous_categorie",
        "distance_km",
    ]
    assert [(r["code_insee"], r["commune"], r["departement"], r["population"], r["distance_km"]) for r in rows] == [
        ("99004", "Bout-du-Monde", "99", "250", "55.6"),
        ("99003", "Loinville", "99", "250", "33.4"),
    ]
    assert {r["categorie"] for r in rows} == {"psychologie"}


def test_without_a_category_it_covers_every_category_and_leaves_the_distance_empty_where_nothing_exists() -> None:
    hamlets()
    rows = run("--region", "99")
    assert len({r["categorie"] for r in rows}) == 13
    assert {r["distance_km"] for r in rows} == {""}


def test_the_distance_changes_which_communes_are_gaps() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    assert [r["commune"] for r in run("--region", "99", "--categorie", "psychologie", "--km", "50")] == [
        "Bout-du-Monde"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--categorie", "astrologie"], "Type de soin inconnu"),
        (["--sous-categorie", "reiki"], "Soin inconnu"),
        (["--region", "00"], "Région inconnue"),
        (["--km", "0"], "La distance doit être comprise"),
    ],
)
def test_bad_arguments_get_a_french_message(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)
