"""Communes and départements typed in searches are looked up once per process until the
geography (or any public data) changes."""

from typing import Any

import pytest
from django.core.management import call_command

from annuaire.geo.lookup import commune_by_insee_code, find_departement, resolve_place
from tests.geo.factories import RENNES

pytestmark = pytest.mark.django_db


def test_a_commune_typed_again_costs_no_query(django_assert_num_queries: Any) -> None:
    by_label, by_postal_code, by_code = (
        resolve_place("Rennes (35)"),
        resolve_place("35000"),
        commune_by_insee_code(RENNES),
    )
    departement = find_departement("35")
    assert by_label.commune is not None and by_label.commune.code == RENNES
    with django_assert_num_queries(0):
        assert resolve_place("Rennes (35)").commune == by_label.commune
        assert resolve_place("35000").commune == by_postal_code.commune
        assert commune_by_insee_code(RENNES) == by_code
        assert find_departement("35") == departement and departement.region.code == "53"


def test_loading_the_geography_drops_what_was_remembered(django_assert_num_queries: Any) -> None:
    resolve_place("Rennes (35)")
    find_departement("35")
    call_command("load_geo", departements="35", force=True, verbosity=0)
    with django_assert_num_queries(2):  # the commune, the départements
        resolve_place("Rennes (35)")
        find_departement("35")
