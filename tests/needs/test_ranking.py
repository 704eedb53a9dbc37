"""The result order: what weighs most comes first."""

import pytest

from annuaire.needs.assessment import Assessment
from annuaire.needs.models import Moment, Question, QuestionGroup, QuestionMoments, Theme

pytestmark = pytest.mark.django_db


def ranked(moment: Moment, answers: dict[str, str]) -> list[str]:
    return [need.theme.code for need in Assessment.read(moment, answers).needs()]


def test_a_lot_comes_before_a_little_whatever_the_question_order() -> None:
    answers = {"fatigue-pendant": "un-peu", "argent": "beaucoup", "sommeil": "un-peu", "proches": "beaucoup"}
    order = ranked(Moment.PENDANT, answers)
    assert order[:2] == ["argent-demarches", "proches"]
    assert set(order[2:]) == {"fatigue", "sommeil"}


def test_at_equal_weight_the_administrators_order_decides() -> None:
    answers = {"fatigue-apres": "beaucoup", "douleur-apres": "beaucoup"}
    assert ranked(Moment.APRES, answers) == ["douleur", "fatigue"]  # douleur is first in the default order
    Theme.objects.filter(code="fatigue").update(order=1)
    assert ranked(Moment.APRES, answers) == ["fatigue", "douleur"]


def test_at_equal_heaviest_answer_a_theme_asked_twice_and_felt_twice_comes_first() -> None:
    Question.objects.create(
        code="fatigue-matin",
        theme=Theme.objects.get(code="fatigue"),
        text="Êtes-vous épuisé au réveil ?",
        professional_text="Fatigue au réveil",
        moments=QuestionMoments.BOTH,
        group=QuestionGroup.CORPS,
    )
    answers = {"douleur-pendant": "beaucoup", "fatigue-pendant": "beaucoup", "fatigue-matin": "un-peu"}
    assert ranked(Moment.PENDANT, answers) == ["fatigue", "douleur"]


def test_a_theme_keeps_all_its_answers_in_questionnaire_order() -> None:
    Question.objects.create(
        code="fatigue-matin",
        theme=Theme.objects.get(code="fatigue"),
        text="Êtes-vous épuisé au réveil ?",
        professional_text="Fatigue au réveil",
        moments=QuestionMoments.PENDANT,
        group=QuestionGroup.CORPS,
        order=0,
    )
    need = Assessment.read(Moment.PENDANT, {"fatigue-pendant": "un-peu", "fatigue-matin": "beaucoup"}).needs()[0]
    assert [a.question.code for a in need.answers] == ["fatigue-matin", "fatigue-pendant"]
    assert need.level == "beaucoup"


def test_answers_to_questions_of_the_other_version_are_ignored() -> None:
    assert ranked(Moment.PENDANT, {"fatigue-apres": "beaucoup"}) == []


def test_an_unknown_answer_is_set_aside_with_a_french_message() -> None:
    assessment = Assessment.read(Moment.PENDANT, {"fatigue-pendant": "énormément", "sommeil": "un-peu"})
    assert [need.theme.code for need in assessment.needs()] == ["sommeil"]
    assert assessment.errors == [
        "Réponse non reconnue à la question « La fatigue vous gêne-t-elle dans votre journée ? » : "
        "elle n'a pas été prise en compte."
    ]


def test_the_answers_travel_as_query_parameters_in_questionnaire_order() -> None:
    assessment = Assessment.read(Moment.APRES, {"proches": "un-peu", "fatigue-apres": "beaucoup", "sommeil": ""})
    assert assessment.query() == [("moment", "apres"), ("fatigue-apres", "beaucoup"), ("proches", "un-peu")]


def test_the_questionnaire_comes_in_its_four_parts_in_order() -> None:
    sections = Assessment.read(Moment.PENDANT, {}).sections()
    assert [s.group for s in sections] == list(QuestionGroup)
    assert sections[0].rows[0].question.code == "fatigue-pendant"
    assert all(row.level is None for s in sections for row in s.rows)
