"""One cell of an import file: its typed, checked value, by column kind.

Each function either returns the value to store or raises `RowError` with a French message
naming the column and the bad value; the importer gathers these messages line by line.
Nothing here writes: commune lookups read the geography, the taxonomy is passed in.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from stdnum.exceptions import InvalidChecksum, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as stdnum_siret

from annuaire.core.identifiers import compact, finess_is_valid
from annuaire.core.text import normalize
from annuaire.geo.models import Commune
from annuaire.imports.template import ImportColumn
from annuaire.taxonomy.models import Category, SubCategory

_TRUE = {"oui", "o", "vrai", "true", "1", "x", "yes"}
_FALSE = {"non", "n", "faux", "false", "0", "no"}
_LIST_SPLIT = re.compile(r"[;,|]")
_COMMUNE_WITH_DEPARTEMENT = re.compile(r"^(?P<name>.+?)\s*\((?P<dep>\d{2,3}|2A|2B)\)$", re.IGNORECASE)
_NON_NULL_BOOLEANS = {"is_recognised_association", "parcours_global"}


class RowError(Exception):
    """A cell (or line) that cannot be imported: French message for the report."""


class CommuneFinder:
    """`find_commune`, remembered per (cell value, postal code): a file repeats its communes."""

    def __init__(self) -> None:
        self._communes: dict[tuple[str, str], Commune] = {}

    def __call__(self, raw: str, postal_code: str) -> Commune:
        key = (raw, postal_code)
        if key not in self._communes:
            self._communes[key] = find_commune(raw, postal_code)
        return self._communes[key]


def cell_value(
    column: ImportColumn,
    raw: str,
    *,
    categories: dict[str, Category],
    subcategories: dict[str, SubCategory],
) -> Any:
    """The typed value of one cell of `column`, or a RowError with a French message.

    `categories` and `subcategories` (by code) are read once per import by the caller.
    """
    kind, name = column.kind, column.name
    if kind == "text":
        return raw
    if kind == "code":
        if raw not in column.codes:
            raise RowError(
                f"code inconnu « {raw} » dans la colonne « {name} » (codes possibles : {', '.join(column.codes)})"
            )
        return raw
    if kind == "codes":
        values = sorted({code.strip() for code in _LIST_SPLIT.split(raw) if code.strip()})
        unknown = [code for code in values if code not in column.codes]
        if unknown:
            raise RowError(
                f"code(s) inconnu(s) « {', '.join(unknown)} » dans la colonne « {name} » "
                f"(codes possibles : {', '.join(column.codes)})"
            )
        return values
    if kind == "bool":
        lowered = raw.lower()
        if not lowered:
            return False if column.attr in _NON_NULL_BOOLEANS else None
        if lowered in _TRUE or lowered in _FALSE:
            return lowered in _TRUE
        raise RowError(f"valeur « {raw} » non comprise dans la colonne « {name} » (attendu : oui ou non)")
    if kind == "decimal":
        if not raw:
            return None
        try:
            amount = Decimal(raw.replace("€", "").replace(" ", "").replace("\u00a0", "").replace(",", "."))
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount < 0 or amount >= 100000:
            raise RowError(f"montant invalide « {raw} » dans la colonne « {name} »")
        return amount.quantize(Decimal("0.01"))
    if kind == "int":
        if not raw:
            return None
        if not raw.isdigit() or int(raw) > 32767:
            raise RowError(f"nombre entier attendu dans la colonne « {name} », pas « {raw} »")
        return int(raw)
    if kind == "siret":
        return siret(raw)
    if kind == "finess":
        return finess(raw)
    if kind == "postal_code":
        code = compact(raw)
        if code and not (len(code) == 5 and code.isdigit()):
            raise RowError(f"code postal invalide « {raw} » (5 chiffres attendus)")
        return code
    if kind == "email":
        try:
            validate_email(raw) if raw else None
        except ValidationError as error:
            raise RowError(f"adresse e-mail invalide « {raw} » dans la colonne « {name} »") from error
        return raw
    if kind == "url":
        if not raw:
            return raw
        url = raw if "://" in raw else f"https://{raw}"
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise RowError(f"adresse de site internet invalide « {raw} »") from error
        return url
    if kind == "category":
        category = categories.get(raw)
        if category is None:
            raise RowError(f"catégorie inconnue « {raw} » (codes possibles : {', '.join(sorted(categories))})")
        if not category.is_active:
            raise RowError(f"la catégorie « {raw} » est désactivée")
        return category
    if kind == "subcategories":
        codes = sorted({code.strip() for code in _LIST_SPLIT.split(raw) if code.strip()})
        unknown = [code for code in codes if code not in subcategories]
        if unknown:
            raise RowError(f"sous-catégorie(s) inconnue(s) « {', '.join(unknown)} »")
        inactive = [code for code in codes if not subcategories[code].is_active]
        if inactive:
            raise RowError(f"sous-catégorie(s) désactivée(s) « {', '.join(inactive)} »")
        return [subcategories[code] for code in codes]
    raise AssertionError(f"unknown column kind {kind}")


def find_commune(raw: str, postal_code: str) -> Commune:
    """The commune named by an INSEE code or a name ("Brest", "Saint-Denis (93)"), checked against the postal code."""
    communes = Commune.objects.select_related("departement").prefetch_related("postal_codes")
    value = raw.strip()
    if re.fullmatch(r"\d{5}|2[AB]\d{3}", value, re.IGNORECASE):
        commune = communes.filter(code=value.upper()).first()
        if commune is None:
            raise RowError(f"code INSEE de commune inconnu « {raw} »")
    else:
        match = _COMMUNE_WITH_DEPARTEMENT.match(value)
        name, departement = (match["name"], match["dep"].upper()) if match else (value, "")
        needle = normalize(name)
        candidates = list(communes.filter(search_name=needle, parent__isnull=True))
        if not candidates:
            candidates = list(communes.filter(alias_names__contains=f"|{needle}|", parent__isnull=True))
        if departement:
            candidates = [c for c in candidates if c.departement_id == departement]
        if len(candidates) > 1 and postal_code:
            candidates = [c for c in candidates if postal_code in {p.code for p in c.postal_codes.all()}]
        if not candidates:
            raise RowError(f"commune inconnue « {raw} »")
        if len(candidates) > 1:
            raise RowError(f"commune ambiguë « {raw} » : indiquez son code INSEE ou son code postal")
        commune = candidates[0]
    known = {p.code for p in commune.postal_codes.all()}
    if postal_code and known and postal_code not in known:
        raise RowError(f"le code postal {postal_code} ne correspond pas à la commune {commune.name}")
    return commune


def siret(raw: str) -> str:
    """A valid SIRET, compacted, or "" for an empty cell."""
    number = compact(raw)
    if not number:
        return ""
    try:
        stdnum_siret.validate(number)
    except InvalidChecksum as error:
        raise RowError("SIRET invalide (clé de contrôle incorrecte)") from error
    except InvalidLength as error:
        raise RowError(f"SIRET invalide (14 chiffres attendus, « {raw} »)") from error
    except StdnumError as error:
        raise RowError(f"SIRET invalide (« {raw} »)") from error
    return number


def finess(raw: str) -> str:
    """A valid FINESS number, compacted, or "" for an empty cell."""
    number = compact(raw)
    if not number:
        return ""
    if not re.fullmatch(r"(\d{2}|2A|2B)\d{7}", number):
        raise RowError(f"FINESS invalide (9 caractères attendus, « {raw} »)")
    if not finess_is_valid(number):
        raise RowError("FINESS invalide (clé de contrôle incorrecte)")
    return number
