"""What users type is normalised the same way as what we store."""

import pytest

from annuaire.core.text import normalize, search_words


@pytest.mark.parametrize(
    "typed",
    ["Saint-Brieuc", "saint brieuc", "St Brieuc", "ST-BRIEUC", "st. brieuc", "Saint-Brïeuc", "  saint   brieuc "],
)
def test_every_spelling_of_saint_brieuc_is_the_same(typed: str) -> None:
    assert normalize(typed) == "saint brieuc"


def test_it_strips_accents_apostrophes_and_ligatures() -> None:
    assert normalize("L'Île-d'Yeu") == "l ile d yeu"
    assert normalize("Cœur") == "coeur"
    assert normalize("Sainte-Anne-d'Auray") == normalize("Ste Anne d Auray")


def test_free_text_is_split_into_normalised_words() -> None:
    assert search_words("Diététique, À DOMICILE") == ["dietetique", "a", "domicile"]
    assert search_words("   ") == []


def test_control_characters_separate_words() -> None:
    # A NUL typed in a search must never reach the database (PostgreSQL refuses it in text).
    assert normalize("Saint\x00Brieuc\x1f") == "saint brieuc"
    assert search_words("bre\x00") == ["bre"]


def test_a_query_gives_each_word_once_and_at_most_eight_words() -> None:
    assert search_words("yoga Yoga YÔGA sophrologie") == ["yoga", "sophrologie"]
    assert search_words(" ".join("abcdefghijkl")) == list("abcdefgh")
