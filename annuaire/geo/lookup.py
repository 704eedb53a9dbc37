"""What people type to say where: a postal code, a commune name, an autocomplete label.

The rules are written in docs/domain.md ("Où chercher"): five digits are a postal code
(never an INSEE code); a postal code shared by several communes means its most
populated commune, the others being offered as alternatives; a name shared by several
communes is a question, never a silent choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS

from annuaire.core import published
from annuaire.core.errors import InvalidValue
from annuaire.core.statements import read_cursor
from annuaire.core.text import normalize
from annuaire.geo.models import Commune, Departement

_POSTAL_CODE = re.compile(r"^[0-9]{5}$")
_INSEE_CODE = re.compile(r"^([0-9]{2}|2A|2B)[0-9]{3}$")
_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<departement>[0-9]{2,3}|2A|2B)\)$", re.IGNORECASE)


def all_departements() -> list[Departement]:
    """Every département with its region, by code (remembered until the public data change)."""
    return list(
        published.remembered(
            "geo.all_departements", None, lambda: tuple(Departement.objects.select_related("region").order_by("code"))
        )
    )


def find_departement(code: str) -> Departement:
    """The département with this INSEE code ("29", "2A", "971"); an unknown code is an error."""
    code = (code or "").strip().upper()
    departement = next((d for d in all_departements() if d.code == code), None) if len(code) <= 3 else None
    if departement is None:
        raise InvalidValue(f"Département inconnu : « {code[:10]} ».", "unknown")
    return departement


def is_postal_code(value: str) -> bool:
    return bool(_POSTAL_CODE.match(value))


def communes_with_postal_code(code: str) -> list[Commune]:
    """The communes carrying a postal code, most populated first (arrondissements of a listed city left out)."""
    communes = list(
        Commune.objects.filter(postal_codes__code=code)
        .distinct()
        .select_related("departement")
        .order_by("-population", "name")
    )
    listed = {commune.code for commune in communes}
    return [commune for commune in communes if commune.parent_id not in listed]


def commune_by_postal_code(code: str) -> PlaceAnswer:
    """The main commune of a postal code (the most populated), with the others sharing it."""
    code = (code or "").strip()
    if not is_postal_code(code):
        raise InvalidValue(f"Le code postal « {code[:10]} » doit avoir 5 chiffres, par exemple 29000.", "invalid")
    communes = published.remembered("geo.communes_with_postal_code", code, lambda: communes_with_postal_code(code))
    if not communes:
        raise InvalidValue(f"Aucune commune n'a le code postal {code}. Vérifiez-le.", "unknown")
    return PlaceAnswer(commune=communes[0], others=communes[1:])


def commune_by_insee_code(code: str) -> Commune:
    code = (code or "").strip()
    commune = (
        published.remembered(
            "geo.commune_by_insee_code",
            code.upper(),
            lambda: next(iter(_communes_where("commune.code = %s", [code.upper()])), None),
        )
        if len(code) == 5
        else None
    )
    if commune is None:
        raise InvalidValue(f"Code INSEE de commune inconnu : « {code[:10]} ».", "unknown")
    return commune


def with_position(commune: Commune) -> Commune:
    """A commune to search around must have a known position."""
    if commune.point is None:
        raise InvalidValue(
            f"La position de {commune.name} n'est pas connue : choisissez une commune voisine.", "no_position"
        )
    return commune


@dataclass
class PlaceAnswer:
    """What a typed place means: one commune (maybe with others sharing its postal code), or a question."""

    commune: Commune | None = None
    others: list[Commune] = field(default_factory=list)  # same postal code, less populated
    homonyms: list[Commune] = field(default_factory=list)  # same name: the person must choose


def communes_named(name: str, departement: str | None = None) -> list[Commune]:
    """Communes whose name (or former name) is exactly `name`, accents and case aside;
    only those of `departement` when given (its index spares a scan of every commune:
    the former names cannot use one)."""
    needle = normalize(name)
    if not needle:
        return []
    condition = "(commune.search_name = %s OR commune.alias_names LIKE %s ESCAPE '\\')"
    params: list[Any] = [needle, f"%|{_like_escaped(needle)}|%"]
    if departement:
        condition += " AND commune.departement_id = %s"
        params.append(departement)
    return list(
        published.remembered("geo.communes_named", (needle, departement), lambda: _communes_where(condition, params))
    )


def _communes_where(condition: str, params: list[Any]) -> tuple[Commune, ...]:
    """The communes meeting an SQL `condition` (about the table `commune`), most populated
    first, each with its département (as `select_related` gives it). One of the search's
    own statements (annuaire/core/statements.py): a typed place is looked up on nearly
    every search."""
    commune_columns = [field.attname for field in Commune._meta.concrete_fields]
    departement_columns = [field.attname for field in Departement._meta.concrete_fields]
    sql = (
        f"SELECT {', '.join(f'commune.{c}' for c in commune_columns)}, "
        f"{', '.join(f'departement.{c}' for c in departement_columns)} "
        f"FROM {Commune._meta.db_table} commune "
        f"JOIN {Departement._meta.db_table} departement ON departement.code = commune.departement_id "
        f"WHERE {condition} ORDER BY commune.population DESC, commune.name"
    )
    with read_cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    communes = []
    for row in rows:
        commune = Commune.from_db(DEFAULT_DB_ALIAS, commune_columns, row[: len(commune_columns)])
        commune.departement = Departement.from_db(DEFAULT_DB_ALIAS, departement_columns, row[len(commune_columns) :])
        communes.append(commune)
    return tuple(communes)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def resolve_place(value: str) -> PlaceAnswer:
    """The commune meant by a postal code, a name or a label "Plouhinec (29)".

    A name typed without choosing gives what its first suggestion would (the most
    populated match), unless that name is shared: then the answer is a question.
    """
    value = " ".join((value or "").split())
    compact = value.replace(" ", "")
    if is_postal_code(compact):
        return commune_by_postal_code(compact)
    if _INSEE_CODE.match(compact.upper()) and not compact.isdigit():  # Corsica: "2A004"
        return PlaceAnswer(commune=commune_by_insee_code(compact))
    label = _LABEL.match(value)
    if label:
        departement = label["departement"].upper()
        in_departement = communes_named(label["name"], departement)
        if not in_departement:
            first = Commune.objects.lookup(label["name"]).filter(departement_id=departement).first()
            in_departement = [first] if first else []
        if in_departement:
            return PlaceAnswer(commune=in_departement[0])
        raise _not_found(value)
    named = communes_named(value)
    if not named:
        first = Commune.objects.lookup(value).first()
        if first is None:
            raise _not_found(value)
        named = communes_named(first.name) or [first]
    if len(named) > 1:
        return PlaceAnswer(homonyms=named)
    return PlaceAnswer(commune=named[0])


def _not_found(value: str) -> InvalidValue:
    return InvalidValue(
        f"Nous ne trouvons pas la commune « {value[:60]} ». Vérifiez l'orthographe ou indiquez son code postal.",
        "unknown",
    )
