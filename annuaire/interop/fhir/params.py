"""FHIR search and result parameters: which exist (with their FHIR types, for the
CapabilityStatement), limits, paging, and what the server ignores.

As the FHIR specification says (search §3.1.1.1.4), parameters the server does not know are
ignored and reported in an OperationOutcome entry of the Bundle, unless the client sends
`Prefer: handling=strict`: then they are a 400.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict

DEFAULT_COUNT = 20
MAX_COUNT = 100
# A parameter may be repeated and hold comma-separated values; beyond this many values in
# all, the request is refused (each value is a condition: 265 repetitions once cost 17 s).
MAX_VALUES_PER_PARAMETER = 20
MAX_PARAMETERS = 60

# name → (FHIR type, documentation)
SearchParameters = dict[str, tuple[str, str]]

COMMON: SearchParameters = {
    "_id": ("token", "Identifiant de la ressource."),
    "_lastUpdated": ("date", "Date de dernière modification, avec préfixe (ge2025-01-01)."),
}
ADDRESS: SearchParameters = {
    "address-postalcode": ("string", "Début du code postal (29 = Finistère)."),
    "address-city": ("string", "Début du nom de la commune."),
    "departement": ("token", "Code INSEE du département (ex. 29)."),
}
PARAMETERS: dict[str, SearchParameters] = {
    "Organization": COMMON
    | ADDRESS
    | {
        "identifier": ("token", "FINESS, SIRET, SIREN ou IDNST, avec ou sans système (système|valeur)."),
        "name": ("string", "Nom de la structure (contient)."),
    },
    "Location": COMMON
    | ADDRESS
    | {
        "identifier": ("token", "Identifiant du lieu (<base>/sid/lieu|uuid)."),
        "organization": ("reference", "Structure gestionnaire (Organization/<id>)."),
        "commune-cog": ("token", "Code INSEE (COG) de la commune."),
    },
    "HealthcareService": COMMON
    | {
        "identifier": ("token", "Identifiant de l'offre (<base>/sid/offre|uuid)."),
        "organization": ("reference", "Structure qui propose l'offre (Organization/<id>)."),
        "location": ("reference", "Lieu de l'offre (Location/<id>)."),
        "service-category": ("token", "Catégorie de soins (sos-taxonomie) ou type d'offre national (J238)."),
        "service-type": ("token", "Soin (sous-catégorie de sos-taxonomie)."),
        "specialty": ("token", "Soin (sous-catégorie de sos-taxonomie) ou activité opérationnelle (J17, TRE-R211)."),
        "location.near-insee-code": (
            "special",
            "Offres à moins de N km d'une commune : code INSEE|distance|km (comme le ROR), ex. 29232|15|km.",
        ),
        "departement": ("token", "Code INSEE du département d'un des lieux (ex. 29)."),
        "program": ("token", "parcours-global : offres du parcours de soins global après cancer."),
    },
}

# Result parameters (FHIR search §3.1.1.5), accepted by every search.
RESULT_PARAMETERS = {
    "_count",
    "_getpagesoffset",
    "_format",
    "_pretty",
    "_include",
    "_include:iterate",
    "_revinclude",
    "_sort",
    "_summary",
    "_total",
    "_elements",
}

INCLUDES = {
    "HealthcareService": {"HealthcareService:organization", "HealthcareService:location", "Organization:partof"},
    "Organization": {"Organization:partof"},
    "Location": {"Location:organization"},
}
REVINCLUDES = {"Location": {"HealthcareService:location"}, "Organization": set(), "HealthcareService": set()}
SORTS = {
    "Organization": {"name", "_lastUpdated", "_id"},
    "Location": {"name", "_lastUpdated", "_id"},
    "HealthcareService": {"name", "_lastUpdated", "_id", "distance"},
}
SUMMARIES = {"count", "false", "data"}
TOTALS = {"none", "estimate", "accurate"}


class SearchError(ValueError):
    """A bad request: `str(error)` is the French diagnostic for the OperationOutcome."""


@dataclass
class ResultOptions:
    count: int = DEFAULT_COUNT
    offset: int = 0
    includes: set[str] = field(default_factory=set)
    revincludes: set[str] = field(default_factory=set)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (name, descending)
    summary_count: bool = False
    elements: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # French explanations, one per ignored thing


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


def _values(params: QueryDict, name: str) -> list[str]:
    return [v.strip() for raw in params.getlist(name) for v in raw.split(",") if v.strip()]


def check(resource_type: str, params: QueryDict, *, strict: bool) -> ResultOptions:
    """Limits, formats and result parameters; what is ignored is listed in `ignored` (or,
    with `strict`, refused)."""
    if len(params) > MAX_PARAMETERS:
        raise SearchError(f"Trop de paramètres différents ({len(params)}) : {MAX_PARAMETERS} au plus.")
    known = PARAMETERS[resource_type]
    options = ResultOptions()
    for name, values in params.lists():
        if any("\x00" in value for value in values):
            # A NUL would reach the database (PostgreSQL refuses it in text): refuse it here.
            raise SearchError(f"Le paramètre {name} contient un caractère nul, qui n'est pas autorisé.")
        count = sum(max(1, len(value.split(","))) for value in values)
        if count > MAX_VALUES_PER_PARAMETER:
            raise SearchError(
                f"Trop de valeurs pour le paramètre {name[:60]} ({count}) : {MAX_VALUES_PER_PARAMETER} au plus, "
                "répétitions et valeurs séparées par des virgules comprises."
            )
        if name not in known and name not in RESULT_PARAMETERS:
            options.ignored.append(f"Paramètre inconnu ignoré : {name[:100]}.")
    fmt = params.get("_format", "json")
    if fmt not in {"json", "application/json", "application/fhir+json"}:
        raise SearchError(f"Format non pris en charge : « {fmt} ». Seul le JSON est disponible.")
    options.count = min(_integer(params, "_count", DEFAULT_COUNT), MAX_COUNT)
    options.offset = _integer(params, "_getpagesoffset", 0)
    for name in ("_include", "_include:iterate"):
        for value in _values(params, name):
            if value in INCLUDES[resource_type]:
                options.includes.add(value)
            else:
                options.ignored.append(f"{name}={value[:100]} n'est pas pris en charge et a été ignoré.")
    for value in _values(params, "_revinclude"):
        if value in REVINCLUDES[resource_type]:
            options.revincludes.add(value)
        else:
            options.ignored.append(f"_revinclude={value[:100]} n'est pas pris en charge et a été ignoré.")
    for value in _values(params, "_sort"):
        descending, name = value.startswith("-"), value.lstrip("-")
        if name not in SORTS[resource_type]:
            possible = ", ".join(sorted(SORTS[resource_type]))
            raise SearchError(f"Tri non pris en charge : « {value[:60]} ». Tris possibles : {possible}.")
        options.sort.append((name, descending))
    for value in _values(params, "_summary"):
        if value == "count":
            options.summary_count = True
        elif value not in SUMMARIES:
            options.ignored.append(f"_summary={value[:40]} n'est pas pris en charge : ressources complètes.")
    for value in _values(params, "_total"):
        if value not in TOTALS:
            options.ignored.append(f"_total={value[:40]} n'est pas une valeur connue (none, estimate, accurate).")
    options.elements = _values(params, "_elements")
    if strict and options.ignored:
        raise SearchError(" ".join(options.ignored) + " (Prefer: handling=strict)")
    return options
