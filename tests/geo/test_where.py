"""What people type to say where (docs/domain.md, "Où chercher")."""

import pytest

from annuaire.core.errors import InvalidValue
from annuaire.geo.lookup import find_departement, resolve_place
from annuaire.geo.models import PostalCode

pytestmark = pytest.mark.django_db

BRETON_DEPARTEMENTS = ["22", "29", "35", "56"]


def test_every_breton_postal_code_resolves_to_a_commune_carrying_it() -> None:
    codes = sorted(
        set(PostalCode.objects.filter(commune__departement_id__in=BRETON_DEPARTEMENTS).values_list("code", flat=True))
    )
    assert len(codes) > 300
    wrong = []
    for code in codes:
        commune = resolve_place(code).commune
        if commune is None or not commune.postal_codes.filter(code=code).exists():
            wrong.append(code)
    assert wrong == []


@pytest.mark.parametrize(
    ("postal_code", "name"),
    [("56100", "Lorient"), ("29100", "Douarnenez"), ("35200", "Rennes"), ("29300", "Quimperlé")],
)
def test_a_postal_code_means_its_most_populated_commune_not_an_insee_code(postal_code: str, name: str) -> None:
    assert resolve_place(postal_code).commune.name == name  # type: ignore[union-attr]


def test_the_other_communes_of_a_postal_code_are_offered() -> None:
    answer = resolve_place("29100")
    others = [commune.name for commune in answer.others]
    assert "Kerlaz" in others and "Le Juch" in others
    assert answer.commune is not None and answer.commune.name not in others


def test_a_name_shared_by_several_communes_is_a_question() -> None:
    answer = resolve_place("Plouhinec")
    assert answer.commune is None
    assert sorted(c.departement_id for c in answer.homonyms) == ["29", "56"]


def test_the_label_of_a_suggestion_picks_one_of_the_homonyms() -> None:
    answer = resolve_place("Plouhinec (56)")
    assert answer.commune is not None and answer.commune.departement_id == "56"


def test_a_typed_prefix_gives_the_first_suggestion() -> None:
    from annuaire.geo.models import Commune

    assert resolve_place("quimp").commune == Commune.objects.lookup("quimp").first()


def test_an_unknown_postal_code_or_departement_is_a_french_error() -> None:
    with pytest.raises(InvalidValue, match="Aucune commune n'a le code postal 29999"):
        resolve_place("29999")
    with pytest.raises(InvalidValue, match="Département inconnu : « 99 »"):
        find_departement("99")
