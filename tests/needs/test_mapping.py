"""The default mapping: every answer leads to kinds of care that exist in the taxonomy."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from annuaire.needs.admin import ThemeForm
from annuaire.needs.assessment import Assessment, Level
from annuaire.needs.models import Moment, Question, Theme, validate_question_code
from annuaire.taxonomy.models import Category, SubCategory

pytestmark = pytest.mark.django_db

WEIGHING = [Level.A_LITTLE, Level.A_LOT]


def all_questions() -> list[tuple[Moment, str]]:
    return [(moment, q.code) for moment in Moment for q in Question.objects.for_moment(moment)]


@pytest.mark.parametrize("moment", list(Moment))
def test_each_version_asks_between_12_and_18_questions(moment: Moment) -> None:
    assert 12 <= Question.objects.for_moment(moment).count() <= 18


def test_every_weighing_answer_to_every_question_leads_to_care_that_exists_in_the_taxonomy() -> None:
    active_categories = set(Category.objects.active().values_list("code", flat=True))
    active_subcategories = set(SubCategory.objects.active().values_list("code", flat=True))
    checked = 0
    for moment, code in all_questions():
        for level in WEIGHING:
            needs = Assessment.read(moment, {code: level.value}).needs()
            assert len(needs) == 1, (moment, code, level)
            care = needs[0].care
            assert care, f"{code} ({level}) leads to no care"
            for suggestion in care:
                assert suggestion.category.code in active_categories
                assert {s.code for s in suggestion.subcategories} <= active_subcategories
            checked += 1
    assert checked == 2 * (
        Question.objects.for_moment("pendant").count() + Question.objects.for_moment("apres").count()
    )


def test_not_at_all_and_skipped_answers_lead_nowhere() -> None:
    assessment = Assessment.read(Moment.PENDANT, {"fatigue-pendant": "pas-du-tout", "douleur-pendant": ""})
    assert assessment.answered_count == 1
    assert assessment.needs() == []


def test_the_questions_cover_the_domains_named_by_the_issue() -> None:
    themes = set(Theme.objects.values_list("code", flat=True))
    assert {
        "fatigue",
        "douleur",
        "alimentation",
        "moral",
        "sommeil",
        "activite-physique",
        "travail",
        "argent-demarches",
        "proches",
        "image-de-soi",
        "vie-intime",
        "projet-enfant",
        "tabac-alcool",
        "memoire",
        "aide-maison",
    } <= themes


def test_every_theme_of_the_shipped_file_names_only_taxonomy_codes() -> None:
    from annuaire.needs.management.commands.load_needs import DEFAULT_FILE

    data = json.loads(DEFAULT_FILE.read_text(encoding="utf-8"))
    categories = set(Category.objects.values_list("code", flat=True))
    subcategories = set(SubCategory.objects.values_list("code", flat=True))
    for theme in data["themes"]:
        assert set(theme["categories"]) <= categories, theme["code"]
        assert set(theme["subcategories"]) <= subcategories, theme["code"]
        assert theme["categories"] or theme["subcategories"], theme["code"]


def test_loading_again_keeps_the_administrators_edits_and_reset_restores_the_default() -> None:
    theme = Theme.objects.get(code="fatigue")
    theme.what_helps = "Phrase écrite par le réseau."
    theme.save()
    theme.subcategories.set([SubCategory.objects.get(code="yoga")])
    question = Question.objects.get(code="sommeil")
    question.text = "Dormez-vous mal ?"
    question.save()

    call_command("load_needs", stdout=io.StringIO())
    theme.refresh_from_db()
    assert theme.what_helps == "Phrase écrite par le réseau."
    assert list(theme.subcategories.values_list("code", flat=True)) == ["yoga"]
    assert Question.objects.get(code="sommeil").text == "Dormez-vous mal ?"

    call_command("load_needs", reset=True, stdout=io.StringIO())
    theme.refresh_from_db()
    assert theme.what_helps.startswith("Bouger un peu chaque jour")
    assert "seances-apa" in set(theme.subcategories.values_list("code", flat=True))
    assert Question.objects.get(code="sommeil").text == "Avez-vous du mal à dormir ?"


def test_a_file_naming_an_unknown_care_is_refused_in_french_and_changes_nothing(tmp_path) -> None:
    bad = {
        "themes": [
            {"code": "nouveau", "label": "Nouveau", "what_helps": "x", "categories": [], "subcategories": ["inconnu"]}
        ],
        "questions": [],
    }
    path = tmp_path / "needs.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError, match="soin inconnu"):
        call_command("load_needs", file=path, stdout=io.StringIO())
    assert not Theme.objects.filter(code="nouveau").exists()


def test_a_file_whose_theme_leads_to_no_care_is_refused(tmp_path) -> None:
    bad = {
        "themes": [{"code": "vide", "label": "Vide", "what_helps": "x", "categories": [], "subcategories": []}],
        "questions": [],
    }
    path = tmp_path / "needs.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError, match="au moins un soin"):
        call_command("load_needs", file=path, stdout=io.StringIO())
    assert not Theme.objects.filter(code="vide").exists()


@pytest.mark.parametrize("code", ["moment", "commune", "rayon"])
def test_a_question_code_may_not_take_a_parameter_name_of_the_pages(code: str) -> None:
    with pytest.raises(ValidationError, match="réservé"):
        validate_question_code(code)


def test_the_admin_refuses_a_theme_that_leads_to_no_care() -> None:
    form = ThemeForm(data={"code": "vide", "label": "Vide", "what_helps": "Rien.", "order": 1})
    assert not form.is_valid()
    assert "au moins un soin actif" in str(form.errors)


def test_the_admin_accepts_a_theme_leading_to_one_sub_category() -> None:
    yoga = SubCategory.objects.get(code="yoga")
    form = ThemeForm(
        data={
            "code": "souplesse",
            "label": "Souplesse",
            "what_helps": "Du yoga.",
            "order": 1,
            "subcategories": [yoga.pk],
        }
    )
    assert form.is_valid(), form.errors


def test_a_deactivated_category_is_no_longer_suggested() -> None:
    Category.objects.filter(code="douleur").update(is_active=False)
    needs = Assessment.read(Moment.PENDANT, {"douleur-pendant": "beaucoup"}).needs()
    assert [s.category.code for s in needs[0].care] == []
