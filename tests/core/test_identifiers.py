"""SIREN, SIRET and FINESS are checked with their control keys."""

import pytest
from django.core.exceptions import ValidationError

from annuaire.core.identifiers import (
    finess_is_valid,
    finess_with_key,
    siren_with_key,
    siret_with_key,
    validate_finess,
    validate_siren,
    validate_siret,
)


def test_it_accepts_a_real_siren_and_siret() -> None:
    validate_siren("732 829 320")  # Luhn-valid SIREN, spaces allowed
    validate_siret("73282932000074")


def test_it_rejects_a_siret_with_a_wrong_key() -> None:
    with pytest.raises(ValidationError, match="SIRET n'est pas valide"):
        validate_siret("73282932000075")


def test_it_rejects_a_siren_of_the_wrong_length() -> None:
    with pytest.raises(ValidationError, match="SIREN n'est pas valide"):
        validate_siren("12345")


def test_it_accepts_la_poste_sirets_whose_rule_differs() -> None:
    validate_siret("35600000000048")  # La Poste: digit sum divisible by 5


def test_finess_key_is_luhn_over_the_first_eight_characters() -> None:
    number = finess_with_key("35000001")
    assert finess_is_valid(number)
    wrong_key = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not finess_is_valid(wrong_key)
    with pytest.raises(ValidationError, match="FINESS n'est pas valide"):
        validate_finess(wrong_key)


def test_finess_accepts_corsica_prefixes_and_rejects_bad_formats() -> None:
    assert finess_is_valid("2A0000123")
    assert not finess_is_valid("3500000")
    assert not finess_is_valid("35000000X")


def test_generated_identifiers_are_valid() -> None:
    siren = siren_with_key("12345678")
    validate_siren(siren)
    validate_siret(siret_with_key(siren, "0002"))
