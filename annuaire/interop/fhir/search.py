"""FHIR search parameters → querysets of published data, with French errors.

Distance search (`location.near-insee-code=29232|15|km`, as the ROR) goes through the
directory's search core (`SearchCriteria` + `Offer.objects.search`): no second distance
implementation here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from annuaire.core.errors import InvalidValue
from annuaire.core.text import normalize
from annuaire.directory.models import Offer, OfferQuerySet, Place, PlaceQuerySet, Structure
from annuaire.directory.search import MAX_RADIUS_KM, SearchCriteria
from annuaire.geo.lookup import find_departement
from annuaire.geo.models import Commune, Departement
from annuaire.interop.fhir import codes
from annuaire.taxonomy.models import Category, SubCategory

DEFAULT_COUNT = 20
MAX_COUNT = 100

# Accepted everywhere; `_format` and `_pretty` are tolerated and ignored (JSON only).
COMMON_PARAMETERS = {"_id", "_count", "_getpagesoffset", "_lastUpdated", "_format", "_pretty"}
PARAMETERS: dict[str, set[str]] = {
    "Organization": COMMON_PARAMETERS | {"identifier", "name", "address-postalcode", "address-city", "departement"},
    "Location": COMMON_PARAMETERS
    | {"organization", "address-postalcode", "address-city", "departement", "commune-cog"},
    "HealthcareService": COMMON_PARAMETERS
    | {
        "organization",
        "location",
        "service-category",
        "service-type",
        "specialty",
        "location.near-insee-code",
        "departement",
        "program",
    },
}


class SearchError(ValueError):
    """A bad request: `str(error)` is the French diagnostic for the OperationOutcome."""


@dataclass(frozen=True)
class Paging:
    count: int
    offset: int


def check_parameters(resource_type: str, params: QueryDict) -> None:
    unknown = sorted(set(params) - PARAMETERS[resource_type])
    if unknown:
        allowed = ", ".join(sorted(PARAMETERS[resource_type]))
        raise SearchError(
            f"Paramètre de recherche non pris en charge pour {resource_type} : {', '.join(unknown)}. "
            f"Paramètres acceptés : {allowed}."
        )
    for name, values in params.lists():
        if any("\x00" in value for value in values):
            # A NUL would reach the database (PostgreSQL refuses it in text): refuse it here.
            raise SearchError(f"Le paramètre {name} contient un caractère nul, qui n'est pas autorisé.")
    fmt = params.get("_format", "json")
    if fmt not in {"json", "application/json", "application/fhir+json"}:
        raise SearchError(f"Format non pris en charge : « {fmt} ». Seul le JSON est disponible.")


def paging(params: QueryDict) -> Paging:
    count = _integer(params, "_count", DEFAULT_COUNT)
    offset = _integer(params, "_getpagesoffset", 0)
    return Paging(count=min(count, MAX_COUNT), offset=offset)


# Beyond any count or offset that can matter; also keeps int() below its limit on digits.
_HUGE = 10**18


def _integer(params: QueryDict, name: str, default: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    # ASCII digits only: "²" is a digit for str.isdigit() but not for int().
    if not raw.isascii() or not raw.isdigit():
        raise SearchError(f"Le paramètre {name} doit être un nombre entier positif ou nul (reçu : « {raw[:30]} »).")
    return int(raw) if len(raw) <= len(str(_HUGE)) else _HUGE


def _values(params: QueryDict, name: str) -> list[list[str]]:
    """Repeated parameters are ANDed, comma-separated values inside one are ORed."""
    groups = []
    for raw in params.getlist(name):
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if not values:
            raise SearchError(f"Le paramètre {name} est vide.")
        groups.append(values)
    return groups


# --- _lastUpdated ------------------------------------------------------------------

_DATE = re.compile(r"^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4}(-\d{2}(-\d{2}(T.+)?)?)?)$")


def _date_range(value: str) -> tuple[datetime, datetime]:
    """The [start, end) interval denoted by a FHIR date of any precision, in UTC (as stored).
    Not `api.params.parse_modified_since`: that one reads an instant, a FHIR date is an interval."""
    tz = timezone.get_current_timezone()
    try:
        if len(value) == 4:
            start = datetime(int(value), 1, 1, tzinfo=tz)
            end = start.replace(year=start.year + 1)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            start = datetime(year, month, 1, tzinfo=tz)
            end = start.replace(year=year + 1, month=1) if month == 12 else start.replace(month=month + 1)
        elif len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime(day.year, day.month, day.day, tzinfo=tz)
            end = start + timedelta(days=1)
        else:
            start = datetime.fromisoformat(value.replace("Z", "+00:00"))
            if start.tzinfo is None:
                start = start.replace(tzinfo=tz)
            end = start + timedelta(seconds=1)
        # At the edges of the calendar (years 1 and 9999), a bound may not exist in UTC.
        return start.astimezone(UTC), end.astimezone(UTC)
    except (ValueError, OverflowError):
        raise SearchError(f"Date invalide dans _lastUpdated : « {value} ».") from None


def last_updated_filter(params: QueryDict, field: str = "updated_at") -> Q:
    condition = Q()
    for raw in params.getlist("_lastUpdated"):
        # An unencoded "+" of a time zone offset reaches us as a space.
        match = _DATE.match(raw.strip().replace(" ", "+"))
        if not match:
            raise SearchError(
                f"Valeur de _lastUpdated invalide : « {raw} ». Exemples : ge2025-01-01, lt2025-06-30T12:00:00+02:00."
            )
        prefix, value = match.group(1) or "eq", match.group(2)
        start, end = _date_range(value)
        if prefix == "eq":
            condition &= Q(**{f"{field}__gte": start, f"{field}__lt": end})
        elif prefix == "ne":
            condition &= ~Q(**{f"{field}__gte": start, f"{field}__lt": end})
        elif prefix == "ge":
            condition &= Q(**{f"{field}__gte": start})
        elif prefix == "gt":
            condition &= Q(**{f"{field}__gte": end})
        elif prefix == "le":
            condition &= Q(**{f"{field}__lt": end})
        elif prefix == "lt":
            condition &= Q(**{f"{field}__lt": start})
        else:
            raise SearchError(f"Préfixe non pris en charge dans _lastUpdated : « {prefix} » (eq, ne, gt, ge, lt, le).")
    return condition


# --- shared helpers ----------------------------------------------------------------


def _ids(params: QueryDict, name: str) -> list[list[str]]:
    """Uuids from `_id` or references ("Organization/<uuid>" or "<uuid>")."""
    groups = []
    for values in _values(params, name):
        group = []
        for value in values:
            value = value.rsplit("/", 1)[-1]
            if not re.fullmatch(r"[0-9a-fA-F-]{32,36}", value):
                raise SearchError(f"Identifiant invalide pour {name} : « {value} ».")
            group.append(value.lower())
        groups.append(group)
    return groups


def _departement(code: str) -> Departement:
    try:
        return find_departement(code)
    except InvalidValue as error:
        raise SearchError(error.message) from None


def _address_filters(params: QueryDict, prefix: str = "") -> Q:
    condition = Q()
    for values in _values(params, "address-postalcode"):
        any_value = Q()
        for value in values:
            if not re.fullmatch(r"\d{1,5}|2[AB]\d{0,3}", value.upper()):
                raise SearchError(f"Code postal invalide : « {value} ».")
            any_value |= Q(**{f"{prefix}postal_code__startswith": value})
        condition &= any_value
    for values in _values(params, "address-city"):
        any_value = Q()
        for value in values:
            any_value |= Q(**{f"{prefix}commune__search_name__startswith": normalize(value)})
        condition &= any_value
    for values in _values(params, "departement"):
        condition &= Q(**{f"{prefix}commune__departement__in": [_departement(v) for v in values]})
    return condition


def _token_code(value: str, system: str) -> str:
    """`code` or `system|code`; a foreign system is an error (we only know ours)."""
    if "|" in value:
        given_system, code = value.split("|", 1)
        if given_system and given_system != system:
            raise SearchError(f"Système de codes inconnu : « {given_system} ». Utilisez {system}.")
        return code
    return value


# --- per resource ------------------------------------------------------------------


def organizations(params: QueryDict) -> QuerySet[Structure]:
    queryset = Structure.objects.published().select_related("commune").order_by("name", "pk")
    condition = last_updated_filter(params) & _address_filters(params)
    for group in _ids(params, "_id"):
        condition &= Q(uuid__in=group)
    for values in _values(params, "name"):
        any_name = Q()
        for value in values:
            any_name |= Q(name__icontains=value)
        condition &= any_name
    for values in _values(params, "identifier"):
        any_identifier = Q()
        for value in values:
            system, _, number = value.rpartition("|")
            number = number.replace(" ", "")
            if system in ("", codes.FINESS_SYSTEM):
                any_identifier |= Q(finess=number) | Q(finess_legal=number)
            if system in ("", codes.SIRENE_SYSTEM):
                any_identifier |= Q(siret=number) | Q(siren=number)
            if system not in ("", codes.FINESS_SYSTEM, codes.SIRENE_SYSTEM):
                raise SearchError(
                    f"Système d'identifiant non pris en charge : « {system} » "
                    f"({codes.FINESS_SYSTEM} ou {codes.SIRENE_SYSTEM})."
                )
        condition &= any_identifier
    return queryset.filter(condition)


def published_places() -> PlaceQuerySet:
    """FHIR Locations: places delivering a published offer. Unlike `Place.objects.public()`
    (the JSON API), the status of the place's own structure is not checked."""
    return Place.objects.delivering_published_offers().select_related("commune", "structure")


def locations(params: QueryDict) -> QuerySet[Place]:
    queryset = published_places().order_by("name", "pk")
    condition = last_updated_filter(params) & _address_filters(params)
    for group in _ids(params, "_id"):
        condition &= Q(uuid__in=group)
    for group in _ids(params, "organization"):
        condition &= Q(structure__uuid__in=group)
    for values in _values(params, "commune-cog"):
        condition &= Q(commune_id__in=[_token_code(v, codes.COMMUNE_SYSTEM) for v in values])
    return queryset.filter(condition)


@dataclass(frozen=True)
class Near:
    commune: Commune
    radius_km: float


def parse_near(value: str) -> Near:
    parts = value.split("|")
    if len(parts) != 3:
        raise SearchError(
            f"Valeur de location.near-insee-code invalide : « {value} ». "
            "Format attendu : code INSEE|distance|km, par exemple 29232|15|km."
        )
    code, distance, unit = (part.strip() for part in parts)
    if unit != "km":
        raise SearchError(f"Unité de distance non prise en charge : « {unit} ». Seule l'unité km est acceptée.")
    try:
        radius = float(distance.replace(",", "."))
    except ValueError:
        raise SearchError(f"La distance doit être un nombre de kilomètres (reçu : « {distance} »).") from None
    if not 0 < radius <= MAX_RADIUS_KM:
        raise SearchError(f"La distance doit être comprise entre 0 et {MAX_RADIUS_KM} km (reçu : {distance}).")
    commune = Commune.objects.select_related("departement").filter(code=code.upper()).first()
    if commune is None:
        raise SearchError(f"Code INSEE de commune inconnu : « {code} ».")
    if commune.point is None:
        raise SearchError(f"La position de la commune {commune.name} ({code}) n'est pas connue.")
    return Near(commune=commune, radius_km=radius)


def healthcare_services(params: QueryDict, taxonomy_system: str) -> OfferQuerySet:
    near_values = params.getlist("location.near-insee-code")
    if len(near_values) > 1:
        raise SearchError("Un seul paramètre location.near-insee-code est accepté.")
    near = parse_near(near_values[0]) if near_values else None

    categories: list[list[Category]] = []
    for values in _values(params, "service-category"):
        found_codes = [_token_code(v, taxonomy_system) for v in values]
        found = list(Category.objects.filter(code__in=found_codes))
        _unknown(found_codes, found, "Catégorie de soins inconnue")
        categories.append(found)
    subcategory_groups: list[list[SubCategory]] = []
    for name in ("specialty", "service-type"):
        for values in _values(params, name):
            found_codes = [_token_code(v, taxonomy_system) for v in values]
            found_subs = list(SubCategory.objects.filter(code__in=found_codes))
            _unknown(found_codes, found_subs, "Soin (sous-catégorie) inconnu")
            subcategory_groups.append(found_subs)
    departements = [[_departement(v) for v in values] for values in _values(params, "departement")]

    # The search core takes one category, a set of sub-categories (ORed), one
    # département and a commune with a radius; anything beyond is filtered here.
    criteria = SearchCriteria(
        category=categories[0][0] if len(categories) == 1 and len(categories[0]) == 1 else None,
        subcategories=tuple(subcategory_groups[0]) if len(subcategory_groups) == 1 else (),
        departement=departements[0][0] if len(departements) == 1 and len(departements[0]) == 1 else None,
        commune=near.commune if near else None,
        radius_km=near.radius_km if near else None,
    )
    queryset: OfferQuerySet = Offer.objects.search(criteria)
    if criteria.category is None:
        for category_group in categories:
            queryset = queryset.filter(category__in=category_group)
    if not criteria.subcategories:
        for subs in subcategory_groups:
            queryset = queryset.filter(
                Exists(Offer.subcategories.through.objects.filter(offer_id=OuterRef("pk"), subcategory__in=subs))
            )
    if criteria.departement is None:
        for deps in departements:
            queryset = queryset.filter(
                Exists(
                    Offer.places.through.objects.filter(offer_id=OuterRef("pk"), place__commune__departement__in=deps)
                )
            )
    condition = last_updated_filter(params)
    for uuids in _ids(params, "_id"):
        condition &= Q(uuid__in=uuids)
    for uuids in _ids(params, "organization"):
        condition &= Q(structure__uuid__in=uuids)
    for uuids in _ids(params, "location"):
        condition &= Q(Exists(Offer.places.through.objects.filter(offer_id=OuterRef("pk"), place__uuid__in=uuids)))
    for values in _values(params, "program"):
        if not all(v.lower() in ("parcours-global", "true") for v in values):
            raise SearchError("Le paramètre program accepte la valeur « parcours-global ».")
        condition &= Q(parcours_global=True)
    if near is None:
        queryset = queryset.order_by("title", "pk")
    return queryset.filter(condition)


def _unknown(wanted: list[str], found: list[Any], message: str) -> None:
    missing = sorted(set(wanted) - {item.code for item in found})
    if missing:
        raise SearchError(f"{message} : {', '.join(missing)}.")


def once_published_offer(uuid: str) -> Offer | None:
    """A published offer, or one that was and left (read by id as `active: false`)."""
    return (
        Offer.objects.originals().filter(published_at__isnull=False).with_result_relations().filter(uuid=uuid).first()
    )
