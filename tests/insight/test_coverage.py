"""Coverage gaps: each commune's distance to the nearest in-person published offer."""

import pytest

from annuaire.directory.enums import Modality, PublicationStatus
from annuaire.insight import coverage
from annuaire.insight.models import CoverageDistance
from annuaire.insight.territory import Territory
from annuaire.taxonomy.models import Category
from tests.directory.factories import OfferFactory, StructureFactory
from tests.insight.factories import KM_PER_DEGREE, hamlets

pytestmark = pytest.mark.django_db


def psychology() -> Category:
    return Category.objects.get(code="psychologie")


TEST_REGION = Territory.of_region("99", "Région d'essai")


def report(territory: Territory = TEST_REGION, km: float = 20) -> coverage.CoverageReport:
    return coverage.compute([psychology()], territory, km)[0]


def distances(r: coverage.CoverageReport) -> dict[str, float | None]:
    return {c.name: None if c.distance_km is None else round(c.distance_km, 2) for c in r.communes}


def test_each_commune_gets_the_great_circle_distance_to_the_nearest_offer() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    assert distances(report()) == {
        "Centreville": 0.0,
        "Prèsville": round(0.1 * KM_PER_DEGREE, 2),
        "Loinville": round(0.3 * KM_PER_DEGREE, 2),
        "Bout-du-Monde": round(0.5 * KM_PER_DEGREE, 2),
    }


def test_communes_beyond_the_distance_are_the_gaps_most_populated_first_with_the_share_within() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    r = report(km=20)
    assert [c.name for c in r.gaps] == ["Bout-du-Monde", "Loinville"]  # same population: by name
    assert r.population == 2000
    assert r.population_within == 1500
    assert r.share_within == 0.75
    assert [c.name for c in report(km=40).gaps] == ["Bout-du-Monde"]


def test_the_nearest_offer_wins_when_there_are_several() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    OfferFactory(structure=StructureFactory(commune=h.farther, postal_code="99004"))
    assert distances(report())["Loinville"] == round(0.2 * KM_PER_DEGREE, 2)


def test_remote_only_unpublished_and_other_kinds_of_care_do_not_count_as_near() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    OfferFactory(structure=StructureFactory(commune=h.farther, postal_code="99004"), modalities=[Modality.REMOTE])
    OfferFactory(structure=StructureFactory(commune=h.far, postal_code="99003"), status=PublicationStatus.DRAFT)
    OfferFactory(
        structure=StructureFactory(commune=h.near, postal_code="99002", status=PublicationStatus.DELISTED),
    )
    OfferFactory(
        structure=StructureFactory(commune=h.far, postal_code="99003"), subcategory_codes=["consultation-dieteticien"]
    )
    assert distances(report())["Bout-du-Monde"] == round(0.5 * KM_PER_DEGREE, 2)
    assert distances(report())["Prèsville"] == round(0.1 * KM_PER_DEGREE, 2)


def test_home_visits_count_as_near() -> None:
    h = hamlets()
    OfferFactory(
        structure=StructureFactory(commune=h.far, postal_code="99003"),
        modalities=[Modality.AT_HOME, Modality.REMOTE],
    )
    assert distances(report())["Loinville"] == 0.0


def test_without_any_offer_every_commune_is_a_gap_with_no_distance() -> None:
    hamlets()
    r = report()
    assert len(r.gaps) == 4
    assert all(c.distance_km is None for c in r.gaps)
    assert r.share_within == 0.0


def test_a_sub_category_is_computed_on_demand_from_its_own_offers() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))  # psychologist
    OfferFactory(
        structure=StructureFactory(commune=h.farther, postal_code="99004"),
        subcategory_codes=["consultation-psycho-oncologue"],
    )
    oncologist = psychology().subcategories.get(code="consultation-psycho-oncologue")
    r = coverage.compute([], TEST_REGION, 20, subcategory=oncologist)[0]
    assert r.kind_label == oncologist.label
    assert distances(r)["Centreville"] == round(0.5 * KM_PER_DEGREE, 2)


def test_stored_distances_are_replaced_at_each_refresh_and_read_back_by_the_screens() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    categories = list(Category.objects.active())
    assert coverage.store(TEST_REGION, categories) == 4 * len(categories)
    assert coverage.store(TEST_REGION, categories) == 4 * len(categories)
    assert CoverageDistance.objects.count() == 4 * len(categories)
    stored = coverage.stored(psychology(), TEST_REGION, km=20)
    assert stored is not None
    assert distances(stored) == distances(report())
    assert stored.computed_at is not None


def test_the_screens_compute_now_what_was_never_stored() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    assert coverage.stored(psychology(), TEST_REGION) is None
    assert distances(coverage.report_for(psychology(), TEST_REGION)) == distances(report())


def test_a_coordinators_territory_limits_the_communes_but_offers_beyond_it_still_count() -> None:
    h = hamlets()
    OfferFactory(structure=StructureFactory(commune=h.centre, postal_code="99001"))
    territory = Territory("Nord du département", communes=frozenset({"99003", "99004"}))
    assert distances(report(territory)) == {
        "Loinville": round(0.3 * KM_PER_DEGREE, 2),
        "Bout-du-Monde": round(0.5 * KM_PER_DEGREE, 2),
    }
