"""The default taxonomy: 13 categories with stable codes, sub-categories, professions."""

import io

import pytest
from django.core.management import call_command

from annuaire.taxonomy.models import CareKind, Category, SubCategory

pytestmark = pytest.mark.django_db

CATEGORY_CODES = [
    "douleur",
    "nutrition",
    "psychologie",
    "social",
    "activite-physique",
    "hygiene-de-vie",
    "soutien-aidants",
    "fertilite",
    "sexualite",
    "soins-palliatifs",
    "bien-etre-image-de-soi",
    "reeducation-effets-secondaires",
    "eri",
]


def test_it_has_the_thirteen_categories_in_order() -> None:
    assert list(Category.objects.values_list("code", flat=True)) == CATEGORY_CODES


def test_every_category_has_sub_categories_and_there_are_at_least_sixty() -> None:
    assert SubCategory.objects.count() >= 60
    for category in Category.objects.all():
        assert category.subcategories.count() >= 3, category.code


@pytest.mark.parametrize(
    "code",
    [
        "consultation-douleur-chronique",
        "analgesie-intrathecale",
        "hypnoanalgesie",
        "neurostimulation",
        "consultation-psychologue",
        "consultation-dieteticien",
        "socio-esthetique",
        "sophrologie",
        "pedicurie-podologie",
        "art-therapie",
        "sexotherapie",
        "gym-adaptee",
        "marche-nordique",
        "karate",
        "tai-chi",
        "yoga",
        "reflexologie",
        "shiatsu",
        "acupuncture",
        "meditation-pleine-conscience",
        "aviron-dragon-ladies",
        "pilates",
        "danse",
        "hypnose",
        "therapie-familiale",
        "consultation-assistant-service-social",
        "consultation-tabacologie",
        "consultation-oncofertilite",
        "consultation-sexologie",
        "equipe-mobile-soins-palliatifs",
    ],
)
def test_every_care_named_in_the_seeds_is_a_sub_category(code: str) -> None:
    assert SubCategory.objects.filter(code=code).exists()


def test_the_two_particular_analgesia_techniques_are_marked_as_such() -> None:
    techniques = set(SubCategory.objects.filter(kind=CareKind.TECHNIQUE_ANALGESIE).values_list("code", flat=True))
    assert techniques == {"hypnoanalgesie", "analgesie-intrathecale"}


def test_non_conventional_practices_are_flagged() -> None:
    for code in ["hypnose", "sophrologie", "socio-esthetique", "art-therapie", "reflexologie", "acupuncture"]:
        assert SubCategory.objects.get(code=code).is_non_conventional, code
    assert not SubCategory.objects.get(code="consultation-psychologue").is_non_conventional


def test_each_sub_category_says_which_professions_may_deliver_it() -> None:
    psychology = SubCategory.objects.get(code="consultation-psychologue")
    assert psychology.professions.filter(code="psychologue").exists()
    assert not SubCategory.objects.filter(professions=None).exists()


def test_reloading_keeps_what_administrators_edited() -> None:
    Category.objects.filter(code="douleur").update(label="Douleur (libellé régional)")
    call_command("load_taxonomy", stdout=io.StringIO())
    assert Category.objects.get(code="douleur").label == "Douleur (libellé régional)"
    assert Category.objects.count() == 13
    call_command("load_taxonomy", reset=True, stdout=io.StringIO())
    assert Category.objects.get(code="douleur").label == "Prise en charge de la douleur"
