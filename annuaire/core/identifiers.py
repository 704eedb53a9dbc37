"""French identifiers of structures, checked with their keys.

SIREN and SIRET come from python-stdnum (Luhn, with La Poste's special rule).
FINESS has no stdnum module: its 9th character is a Luhn key over the first eight.
"""

import re

from django.core.exceptions import ValidationError
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siren, siret

_FINESS_FORMAT = re.compile(r"^(\d{2}|2A|2B)\d{7}$")


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def validate_siren(value: str) -> None:
    try:
        siren.validate(compact(value))
    except StdnumError as error:
        raise ValidationError(
            "Ce numéro SIREN n'est pas valide (9 chiffres, clé de contrôle incorrecte).", code="siren"
        ) from error


def validate_siret(value: str) -> None:
    try:
        siret.validate(compact(value))
    except StdnumError as error:
        raise ValidationError(
            "Ce numéro SIRET n'est pas valide (14 chiffres, clé de contrôle incorrecte).", code="siret"
        ) from error


def finess_is_valid(value: str) -> bool:
    number = compact(value)
    if not _FINESS_FORMAT.match(number):
        return False
    if number[:2] in ("2A", "2B"):
        # The published key rule is stated for digits only; for Corsica we check the
        # format and accept the key (documented in docs/adr/0002-directory-model.md).
        return True
    return luhn.is_valid(number)


def validate_finess(value: str) -> None:
    if not finess_is_valid(value):
        raise ValidationError(
            "Ce numéro FINESS n'est pas valide (9 caractères, clé de contrôle incorrecte).", code="finess"
        )


def finess_with_key(first_eight: str) -> str:
    """Complete eight FINESS characters with their Luhn key (demo data, tests)."""
    return first_eight + luhn.calc_check_digit(first_eight)


def siren_with_key(first_eight: str) -> str:
    return first_eight + luhn.calc_check_digit(first_eight)


def siret_with_key(siren_number: str, establishment: str) -> str:
    """A SIRET from a valid SIREN and a 4-digit establishment rank, with its key."""
    body = siren_number + establishment
    return body + luhn.calc_check_digit(body)
