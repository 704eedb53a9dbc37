"""Offers near the person, for each theme that weighs, through the public search."""

import pytest

from annuaire.directory.enums import PublicationStatus
from annuaire.needs.assessment import Assessment
from annuaire.needs.models import Moment
from annuaire.needs.nearby import nearby_offers
from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, commune

pytestmark = pytest.mark.django_db

ERGUE_GABERIC, BRIEC = "29051", "29020"


def offer(title: str, code: str, where: str, **kwargs):
    return OfferFactory(
        title=title, subcategory_codes=[code], structure=StructureFactory(commune=commune(where)), **kwargs
    )


def needs(answers: dict[str, str]):
    return Assessment.read(Moment.PENDANT, answers).needs()


def titles(found, need) -> list[str]:
    return [item.offer.title for item in found[need.theme.pk]]


def test_each_theme_gets_the_nearest_offers_that_answer_it_nearest_first() -> None:
    offer("Diététicienne à Briec", "consultation-dieteticien", BRIEC)
    offer("Diététicienne à Quimper", "consultation-dieteticien", QUIMPER)
    offer("Psychologue à Ergué", "consultation-psychologue", ERGUE_GABERIC)
    offer("Assistante sociale à Quimper", "consultation-assistant-service-social", QUIMPER)
    offer("Diététicienne à Brest", "consultation-dieteticien", BREST)  # beyond 20 km
    offer("Brouillon", "consultation-dieteticien", QUIMPER, status=PublicationStatus.DRAFT)
    manger, moral = needs({"manger-pendant": "beaucoup", "moral-pendant": "un-peu"})

    found = nearby_offers([manger, moral], commune(QUIMPER), 20)

    assert titles(found, manger) == ["Diététicienne à Quimper", "Diététicienne à Briec"]
    assert titles(found, moral) == ["Psychologue à Ergué"]
    assert found[manger.theme.pk][0].distance_km < found[manger.theme.pk][1].distance_km


def test_a_whole_category_answers_with_any_of_its_offers() -> None:
    offer("Consultation douleur", "consultation-douleur-chronique", QUIMPER)
    offer("Hypnoanalgésie", "hypnoanalgesie", BRIEC)
    (douleur,) = needs({"douleur-pendant": "beaucoup"})
    assert titles(nearby_offers([douleur], commune(QUIMPER), 30), douleur) == ["Consultation douleur", "Hypnoanalgésie"]


def test_the_kinds_of_care_of_a_theme_take_turns_before_the_nearest_repeats() -> None:
    for n in range(3):
        offer(f"Diététicienne {n}", "consultation-dieteticien", QUIMPER)
    offer("Activité physique adaptée", "seances-apa", BRIEC)
    (fatigue,) = needs({"fatigue-pendant": "beaucoup"})
    found = titles(nearby_offers([fatigue], commune(QUIMPER), 30, per_theme=3), fatigue)
    assert len(found) == 3
    assert "Activité physique adaptée" in found


def test_distinct_keeps_an_offer_under_the_heaviest_theme_only() -> None:
    offer("Assistante sociale", "consultation-assistant-service-social", QUIMPER)
    argent, maison = needs({"argent": "beaucoup", "aide-maison": "un-peu"})
    shared = nearby_offers([argent, maison], commune(QUIMPER), 20)
    assert titles(shared, argent) == titles(shared, maison) == ["Assistante sociale"]
    distinct = nearby_offers([argent, maison], commune(QUIMPER), 20, distinct=True)
    assert titles(distinct, argent) == ["Assistante sociale"]
    assert titles(distinct, maison) == []


def test_nothing_nearby_gives_an_empty_list_per_theme() -> None:
    (moral,) = needs({"moral-pendant": "beaucoup"})
    assert nearby_offers([moral], commune(QUIMPER), 5) == {moral.theme.pk: []}


def test_the_query_count_does_not_grow_with_the_number_of_themes(django_assert_max_num_queries) -> None:
    for code in ["consultation-dieteticien", "consultation-psychologue", "seances-apa", "consultation-tabacologie"]:
        offer(code, code, QUIMPER)
    many = needs(
        dict.fromkeys(
            ["fatigue-pendant", "manger-pendant", "moral-pendant", "sommeil", "tabac-alcool", "bouger-pendant"],
            "beaucoup",
        )
    )
    quimper = commune(QUIMPER)
    with django_assert_max_num_queries(5):
        found = nearby_offers(many, quimper, 20)
    assert sum(len(items) for items in found.values()) >= 6
