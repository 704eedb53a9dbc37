"""FHIR search parameters → querysets of published data, with French errors.

Distance search (`location.near-insee-code=29232|15|km`, as the ROR) goes through the
directory's search core (`SearchCriteria` + `Offer.objects.search`): no second distance
implementation here.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import QueryDict

from annuaire.core.errors import InvalidValue
from annuaire.core.text import normalize
from annuaire.directory.models import Offer, OfferQuerySet, Place, PlaceQuerySet, Structure
from annuaire.directory.search import MAX_RADIUS_KM, SearchCriteria
from annuaire.geo.lookup import commune_by_insee_code, find_departement
from annuaire.geo.models import Commune, Departement
from annuaire.interop import nos
from annuaire.interop import settings as interop_settings
from annuaire.interop.fhir import codes, legal
from annuaire.interop.fhir.dates import last_updated_filter
from annuaire.interop.fhir.legal import LegalEntity
from annuaire.interop.fhir.params import SearchError
from annuaire.interop.models import RorMapping
from annuaire.taxonomy.models import Category, SubCategory


def _values(params: QueryDict, name: str) -> list[list[str]]:
    """Repeated parameters are ANDed, comma-separated values inside one are ORed."""
    groups = []
    for raw in params.getlist(name):
        values = [v.strip() for v in raw.split(",") if v.strip()]
        if not values:
            raise SearchError(f"Le paramètre {name} est vide.")
        groups.append(values)
    return groups


# --- shared helpers ----------------------------------------------------------------


def parse_uuid(value: str, name: str) -> str:
    """A uuid from "<uuid>" or "Type/<uuid>"; anything else is a French 400 (never reaches
    the database, where a malformed uuid would be a 500)."""
    value = value.rsplit("/", 1)[-1]
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise SearchError(f"Identifiant invalide pour {name} : « {value[:60]} ».") from None


def _ids(params: QueryDict, name: str) -> list[list[str]]:
    return [[parse_uuid(value, name) for value in values] for values in _values(params, name)]


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
                raise SearchError(f"Code postal invalide : « {value[:20]} ».")
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


def _token(value: str, systems: set[str]) -> tuple[str | None, str]:
    """(system, code) of `code` or `system|code`; a system we do not know is an error."""
    if "|" not in value:
        return None, value
    system, code = value.split("|", 1)
    system = codes.LEGACY_SYSTEMS.get(system, system)
    if system and system not in systems:
        raise SearchError(f"Système inconnu : « {system[:100]} ». Systèmes acceptés : {', '.join(sorted(systems))}.")
    return system or None, code


def _token_code(value: str, system: str) -> str:
    return _token(value, {system})[1]


def _ordering(sort: list[tuple[str, bool]], fields: dict[str, str], default: list[str]) -> list[str]:
    ordering = [("-" if descending else "") + fields[name] for name, descending in sort if name in fields]
    chosen = {field.lstrip("-") for field in ordering}
    return ordering + [field for field in default if field.lstrip("-") not in chosen]


# --- Organization: sites (structures) and legal entities ---------------------------

STRUCTURE_SYSTEMS = {codes.FINESS_SYSTEM, codes.SIRENE_SYSTEM, codes.IDNST_SYSTEM}
_NOTHING = Q(pk__in=[])


@dataclass
class Organizations:
    """Sites first (sorted as asked), then the legal entities (by FINESS)."""

    sites: QuerySet[Structure]
    entities: QuerySet[Any]

    @cached_property
    def sites_total(self) -> int:
        return self.sites.count()

    def count(self) -> int:
        return self.sites_total + self.entities.count()

    def page(self, offset: int, count: int) -> list[Structure | LegalEntity]:
        sites_total = self.sites_total
        rows: list[Structure | LegalEntity] = list(self.sites[offset : offset + count]) if offset < sites_total else []
        if len(rows) < count:
            start = max(0, offset - sites_total)
            rows += [legal.from_row(row) for row in self.entities[start : start + count - len(rows)]]
        return rows


def _identifier_conditions(value: str) -> tuple[Q, Q]:
    """(condition on structures, condition on legal entities) for one identifier value."""
    system, number = _token(value, STRUCTURE_SYSTEMS)
    number = number.replace(" ", "")
    site, entity = Q(), Q()
    site_any, entity_any = _NOTHING, _NOTHING
    if system in (None, codes.FINESS_SYSTEM):
        site_any |= Q(finess=number)
        entity_any |= Q(finess_legal=number)
    if system in (None, codes.SIRENE_SYSTEM):
        site_any |= Q(siret=number) | Q(siren=number, finess_legal="")
    if system in (None, codes.IDNST_SYSTEM) and number[:1] in ("1", "2", "3"):
        prefix, rest = number[:1], number[1:]
        if prefix == "1":
            site_any |= Q(finess=rest)
            entity_any |= Q(finess_legal=rest)
        elif prefix == "3":
            site_any |= Q(siret=rest, finess="")
        else:
            site_any |= Q(siren=rest, siret="", finess="")
    return site & site_any, entity & entity_any


def organizations(params: QueryDict, sort: list[tuple[str, bool]]) -> Organizations:
    sites = Structure.objects.published().select_related("commune__departement")
    site_condition = last_updated_filter(params) & _address_filters(params)
    entity_condition = last_updated_filter(params, field="updated")
    if any(params.getlist(name) for name in ("address-postalcode", "address-city", "departement")):
        entity_condition &= _NOTHING  # a legal entity has no address of its own
    for values in _values(params, "_id"):
        site_ids, entity_ids = [], []
        for value in values:
            finess = legal.finess_of(value.rsplit("/", 1)[-1])
            if finess:
                entity_ids.append(finess)
            else:
                site_ids.append(parse_uuid(value, "_id"))
        site_condition &= Q(uuid__in=site_ids)
        entity_condition &= Q(finess_legal__in=entity_ids)
    for values in _values(params, "name"):
        site_any, entity_any = _NOTHING, _NOTHING
        for value in values:
            site_any |= Q(name__icontains=value)
            entity_any |= Q(first_name__icontains=value)
        site_condition &= site_any
        entity_condition &= entity_any
    for values in _values(params, "identifier"):
        site_any, entity_any = _NOTHING, _NOTHING
        for value in values:
            site_match, entity_match = _identifier_conditions(value)
            site_any |= site_match
            entity_any |= entity_match
        site_condition &= site_any
        entity_condition &= entity_any
    order = _ordering(sort, {"name": "name", "_lastUpdated": "updated_at", "_id": "uuid"}, ["name", "pk"])
    entities = legal.legal_entities(Structure.objects.published()).filter(entity_condition)
    return Organizations(sites=sites.filter(site_condition).order_by(*order), entities=entities)


# --- Location ----------------------------------------------------------------------


def published_places() -> PlaceQuerySet:
    """FHIR Locations: places delivering a published offer. Unlike `Place.objects.public()`
    (the JSON API), the status of the place's own structure is not checked."""
    return Place.objects.delivering_published_offers().select_related("commune__departement", "structure")


def _own_identifiers(params: QueryDict, naming_system: str) -> list[list[str]]:
    system = f"{interop_settings.fhir_base()}/{naming_system}"
    return [
        [parse_uuid(_token(value, {system})[1], "identifier") for value in values]
        for values in _values(params, "identifier")
    ]


def locations(params: QueryDict, sort: list[tuple[str, bool]]) -> QuerySet[Place]:
    order = _ordering(sort, {"name": "name", "_lastUpdated": "updated_at", "_id": "uuid"}, ["name", "pk"])
    queryset = published_places().order_by(*order)
    condition = last_updated_filter(params) & _address_filters(params)
    for group in _ids(params, "_id") + _own_identifiers(params, codes.PLACE_ID_SYSTEM):
        condition &= Q(uuid__in=group)
    for group in _ids(params, "organization"):
        condition &= Q(structure__uuid__in=group)
    for values in _values(params, "commune-cog"):
        condition &= Q(commune_id__in=[_token_code(v, codes.COMMUNE_SYSTEM) for v in values])
    return queryset.filter(condition)


# --- HealthcareService -------------------------------------------------------------

ACTIVITY_SYSTEM = next(iter(nos.code_list("J17").systems))


@dataclass(frozen=True)
class Near:
    commune: Commune
    radius_km: float


def parse_near(value: str) -> Near:
    parts = value.split("|")
    if len(parts) != 3:
        raise SearchError(
            f"Valeur de location.near-insee-code invalide : « {value[:60]} ». "
            "Format attendu : code INSEE|distance|km, par exemple 29232|15|km."
        )
    code, distance, unit = (part.strip() for part in parts)
    if unit != "km":
        raise SearchError(f"Unité de distance non prise en charge : « {unit[:20]} ». Seule l'unité km est acceptée.")
    try:
        radius = float(distance.replace(",", "."))
    except ValueError:
        raise SearchError(f"La distance doit être un nombre de kilomètres (reçu : « {distance[:20]} »).") from None
    if not 0 < radius <= MAX_RADIUS_KM:
        raise SearchError(f"La distance doit être comprise entre 0 et {MAX_RADIUS_KM} km (reçu : {distance[:20]}).")
    try:
        commune = commune_by_insee_code(code)  # remembered: geography is reference data
    except InvalidValue:
        raise SearchError(f"Code INSEE de commune inconnu : « {code[:20]} ».") from None
    if commune.point is None:
        raise SearchError(f"La position de la commune {commune.name} ({code}) n'est pas connue.")
    return Near(commune=commune, radius_km=radius)


def _primary_subcategory() -> Subquery:
    """The offer's first sub-category, whose mapping gives its operational activity (J17)."""
    links = Offer.subcategories.through.objects.filter(offer_id=OuterRef("pk"))
    return Subquery(links.order_by("subcategory__order", "subcategory__label").values("subcategory_id")[:1])


def _with_activity(codes_wanted: list[str]) -> Q:
    mapped = RorMapping.objects.filter(operational_activity__in=codes_wanted).values("subcategory_id")
    condition = Q(primary_subcategory__in=mapped)
    if "414" in codes_wanted:  # the generic activity of sub-categories without a mapping
        condition |= ~Q(primary_subcategory__in=RorMapping.objects.values("subcategory_id"))
    return condition


def healthcare_services(
    params: QueryDict, taxonomy_system: str, sort: list[tuple[str, bool]]
) -> tuple[OfferQuerySet, Near | None]:
    near_values = params.getlist("location.near-insee-code")
    if len(near_values) > 1:
        raise SearchError("Un seul paramètre location.near-insee-code est accepté.")
    near = parse_near(near_values[0]) if near_values else None
    if any(name == "distance" for name, _ in sort) and near is None:
        raise SearchError("Le tri par distance (_sort=distance) demande le paramètre location.near-insee-code.")

    categories: list[list[Category]] = []
    for values in _values(params, "service-category"):
        found_codes = [_token_code(v, taxonomy_system) for v in values]
        found = list(Category.objects.filter(code__in=found_codes))
        _unknown(found_codes, found, "Catégorie de soins inconnue")
        categories.append(found)
    subcategory_groups: list[list[SubCategory]] = []
    activity_groups: list[tuple[list[SubCategory], list[str]]] = []
    for name in ("specialty", "service-type"):
        systems = {taxonomy_system, ACTIVITY_SYSTEM} if name == "specialty" else {taxonomy_system}
        for values in _values(params, name):
            tokens = [_token(v, systems) for v in values]
            activities = [code for system, code in tokens if system == ACTIVITY_SYSTEM]
            unknown_activities = [code for code in activities if code not in nos.code_list("J17")]
            if unknown_activities:
                raise SearchError(f"Activité opérationnelle (J17) inconnue : {', '.join(unknown_activities)[:100]}.")
            found_codes = [code for system, code in tokens if system != ACTIVITY_SYSTEM]
            found_subs = list(SubCategory.objects.filter(code__in=found_codes))
            _unknown(found_codes, found_subs, "Soin (sous-catégorie) inconnu")
            if activities:  # national activities, maybe ORed with our sub-categories
                activity_groups.append((found_subs, activities))
            else:
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
    if activity_groups:
        queryset = queryset.annotate(primary_subcategory=_primary_subcategory())
        for subs, activity_codes in activity_groups:
            in_subs = Exists(Offer.subcategories.through.objects.filter(offer_id=OuterRef("pk"), subcategory__in=subs))
            queryset = queryset.filter(_with_activity(activity_codes) | Q(in_subs))
    if criteria.departement is None:
        for deps in departements:
            queryset = queryset.filter(
                Exists(
                    Offer.places.through.objects.filter(offer_id=OuterRef("pk"), place__commune__departement__in=deps)
                )
            )
    condition = last_updated_filter(params)
    for uuids in _ids(params, "_id") + _own_identifiers(params, codes.OFFER_ID_SYSTEM):
        condition &= Q(uuid__in=uuids)
    for uuids in _ids(params, "organization"):
        condition &= Q(structure__uuid__in=uuids)
    for uuids in _ids(params, "location"):
        condition &= Q(Exists(Offer.places.through.objects.filter(offer_id=OuterRef("pk"), place__uuid__in=uuids)))
    for values in _values(params, "program"):
        if not all(v.lower() in ("parcours-global", "true") for v in values):
            raise SearchError("Le paramètre program accepte la valeur « parcours-global ».")
        condition &= Q(parcours_global=True)
    fields = {"name": "title", "_lastUpdated": "updated_at", "_id": "uuid"}
    if near is not None:
        fields["distance"] = "distance_km"
    default = ["distance_km", "title", "pk"] if near is not None else ["title", "pk"]
    queryset = queryset.order_by(*_ordering(sort, fields, default))
    return (queryset.filter(condition) if condition else queryset), near  # an empty Q() still clones the query


def _unknown(wanted: list[str], found: list[Any], message: str) -> None:
    missing = sorted(set(wanted) - {item.code for item in found})
    if missing:
        raise SearchError(f"{message} : {', '.join(missing)[:200]}.")


def once_published_offer(uuid: str) -> Offer | None:
    """A published offer, or one that was and left (read by id as `active: false`)."""
    return (
        Offer.objects.originals().filter(published_at__isnull=False).with_result_relations().filter(uuid=uuid).first()
    )
