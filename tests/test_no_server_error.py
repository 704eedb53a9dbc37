"""Robustness sweep of every public address: junk in any query parameter or path segment
never gives a 500, and a 400 explains the problem in French.

Property-based (hypothesis), bounded so that the module runs in well under a minute. A small
published dataset is made with the factories; generated values mix real codes and ids (so the
happy paths are exercised too) with junk: NUL and control characters, very long strings,
unicode digits, huge and negative integers, nan/inf/1e309, commas, FHIR `|` separators and
date prefixes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annuaire.directory.models import Offer
from annuaire.opendata.export import PUBLISHED_FILES, export_opendata
from tests.directory.factories import OfferFactory
from tests.geo.factories import BREST, QUIMPER, commune

pytestmark = pytest.mark.django_db

SWEEP = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Words one of which every French error message contains.
FRENCH_WORDS = (
    "inconnu",
    "invalide",
    "doit",
    "n'existe",
    "n'est pas",
    "ne peut pas",
    "non pris",
    "indiquez",
    "trop long",
    "caractères",
    "paramètre",
    "vide",
    "autorisé",
    "assurez-vous",
)

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "29\x00",
    "\x01\x1f\x7f",
    "\t\n\r",
    "é" * 3,
    "Ω≈ç√∫",
    "😀",
    "\u202e",
    "\ufeff",
    "²",
    "١٢",
    "１２",
    "0",
    "-1",
    "-9223372036854775809",
    "9223372036854775807",
    "9223372036854775808",
    "9" * 25,
    "9" * 5000,
    "1_000",
    "0x10",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1e309",
    "-1e309",
    "1e-400",
    "0.0",
    "3,5",
    ",",
    ",,,",
    "a,,b",
    "|",
    "||",
    "a|b|c|d",
    "x" * 3000,
    "%",
    "%00",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "Rennes (35",
    "Rennes (35)",
    "(",
    ")",
    "()",
    "2A",
    "2B004",
    "35000",
    "Brest",
    "true",
    "on",
]

DATES = [
    "0001-01-01",
    "0000-01-01",
    "9999",
    "9999-12",
    "9999-12-31",
    "9999-12-31T23:59:59",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00",
    "0001",
    "0001-01",
    "2025-02-30",
    "2025-13-01",
    "2025-01-31T25:00:00",
    "2025-01-31T08:30:00+99:00",
    "2025-01-31T08:30:00 01:00",
    "2025-01-31T08:30:00Z",
    "2025",
    "2025-06",
]
DATE_PREFIXES = ["", "eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap", "xx"]


def _junk() -> st.SearchStrategy[str]:
    nasty = st.sampled_from(NASTY)
    return st.one_of(
        nasty,
        nasty,
        nasty,
        st.text(max_size=30),
        st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=5),
        # Digits for str.isdigit() that int() may refuse: "²", "١٢"...
        st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=4),
        st.integers(min_value=-(10**30), max_value=10**30).map(str),
        st.integers(min_value=4000, max_value=6000).map(lambda digits: "9" * digits),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.lists(nasty, min_size=2, max_size=4).map(",".join),
    )


JUNK = _junk()


def junk() -> st.SearchStrategy[str]:
    return JUNK


def dates() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda p, d: p + d, st.sampled_from(DATE_PREFIXES), st.sampled_from(DATES)),
        st.builds(lambda p, d: p + d.isoformat(), st.sampled_from(DATE_PREFIXES), st.datetimes()),
        st.builds(lambda p, d: p + d.isoformat(), st.sampled_from(DATE_PREFIXES), st.dates()),
        junk(),
    )


@dataclass(frozen=True)
class Dataset:
    offer: Offer
    real: dict[str, list[str]]


@pytest.fixture
def dataset(tmp_path: Path, settings: Any) -> Dataset:
    settings.OPENDATA_DIR = tmp_path / "opendata"
    offer = OfferFactory(commune=commune(BREST))
    other = OfferFactory(subcategory_codes=["sophrologie"], commune=commune(QUIMPER), parcours_global=True)
    place = offer.places.get()
    export_opendata()
    return Dataset(
        offer=offer,
        real={
            "offer_pk": [str(offer.pk), str(other.pk)],
            "structure_pk": [str(offer.structure_id), str(other.structure_id)],
            "place_pk": [str(place.pk)],
            "uuid": [str(offer.uuid), str(offer.structure.uuid), str(place.uuid), str(other.uuid)],
            "category": [offer.category.code, other.category.code],
            "subcategory": ["consultation-psychologue", "sophrologie"],
        },
    )


def real_or_junk(dataset: Dataset, kind: str, *extra: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([*dataset.real[kind], *extra]), junk())


def near_insee_code() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(
            lambda code, distance, unit: f"{code}|{distance}|{unit}",
            st.sampled_from([BREST, QUIMPER, "2A004", "00000", "29232\x00", "", "é"]) | junk(),
            st.sampled_from(["15", "0", "-5", "500", "501", "nan", "inf", "1e309", "3,5", ""]) | junk(),
            st.sampled_from(["km", "KM", "m", "", "km|km"]),
        ),
        junk(),
    )


# --- the routes and their known query parameters ---------------------------------------

SEARCH_PARAMS = [
    "q",
    "categorie",
    "sous_categorie",
    "parcours",
    "departement",
    "commune",
    "rayon",
    "public",
    "age",
    "lieu",
    "phase",
    "acces",
    "gratuit",
    "page",
]


# "Faire le point": the version, a few answers (question codes), the commune and radius.
NEEDS_PARAMS = ["moment", "fatigue-pendant", "fatigue-apres", "sommeil", "argent", "commune", "rayon"]
NEEDS_ANSWER = st.sampled_from(["beaucoup", "un-peu", "pas-du-tout", "", "BEAUCOUP", "\x00"]) | JUNK


def parameter_values(dataset: Dataset) -> dict[str, st.SearchStrategy[str]]:
    """Values for each parameter: real ones when they exist, junk always (unlisted names: junk only)."""
    return {
        "categorie": real_or_junk(dataset, "category"),
        "service-category": real_or_junk(dataset, "category", "sos-taxonomie|douleur", "autre|douleur"),
        "sous_categorie": real_or_junk(dataset, "subcategory", "consultation-psychologue,sophrologie"),
        "specialty": real_or_junk(dataset, "subcategory", "sos-taxonomie|sophrologie", "|sophrologie"),
        "service-type": real_or_junk(dataset, "subcategory"),
        "departement": st.sampled_from(["29", "35", "2A", "29\x00", "999"]) | junk(),
        "commune": st.sampled_from(["Brest", "29000", "Brest (29)", "29019", "Brest (\x00)"]) | junk(),
        "rayon": st.sampled_from(["20", "20km", "12,5", "0", "500", "501", "nan", "inf", "1e309"]) | junk(),
        "km": st.sampled_from(["20", "20km", "12,5", "0", "200", "201", "nan", "inf", "1e309"]) | junk(),
        "public": st.sampled_from(["patients", "proches,patients", "inconnu"]) | junk(),
        "age": st.sampled_from(["aja", "adultes,aja"]) | junk(),
        "page": st.sampled_from(["1", "2", "0", "-1", "99999999999999999999"]) | junk(),
        "moment": st.sampled_from(["pendant", "apres", "", "Pendant", "\x00"]) | junk(),
        **dict.fromkeys(["fatigue-pendant", "fatigue-apres", "sommeil", "argent"], NEEDS_ANSWER),
        "taille": st.sampled_from(["1", "100", "101", "1000", "1001", "0"]) | junk(),
        "_count": st.sampled_from(["0", "1", "100", "101"]) | junk(),
        "_getpagesoffset": st.sampled_from(["0", "1", "9223372036854775808", "9" * 30]) | junk(),
        "modifie_depuis": dates(),
        "_lastUpdated": dates(),
        "_id": real_or_junk(dataset, "uuid", "Organization/" + dataset.real["uuid"][1]),
        "organization": real_or_junk(dataset, "uuid"),
        "location": real_or_junk(dataset, "uuid"),
        "identifier": st.sampled_from(
            [
                "http://finess.sante.gouv.fr|290000017",
                "https://sirene.fr|123456789",
                "urn:oid:1.2.250.1.71.4.2.2|x",
                "urn:oid:1.2.250.1.71.4.2.2|1",
                "http://127.0.0.1:8000/fhir/sid/offre|" + dataset.real["uuid"][0],
                "|",
                "a|b|c",
                "\x00",
            ]
        )
        | junk(),
        "location.near-insee-code": near_insee_code(),
        "commune-cog": st.sampled_from([BREST, f"x|{BREST}", "|", "\x00"]) | junk(),
        "address-postalcode": st.sampled_from(["29", "29200", "2A", "٢٩"]) | junk(),
        "program": st.sampled_from(["parcours-global", "true"]) | junk(),
        "_include": st.sampled_from(
            ["HealthcareService:organization", "HealthcareService:location", "Organization:partof", "*"]
        )
        | junk(),
        "_revinclude": st.sampled_from(["HealthcareService:location", "PractitionerRole:service"]) | junk(),
        "_sort": st.sampled_from(["name", "-name", "distance", "-_lastUpdated", "_id,name"]) | junk(),
        "_summary": st.sampled_from(["count", "true", "false", "data"]) | junk(),
        "_elements": st.sampled_from(["name", "name,telecom", "meta"]) | junk(),
        "_format": st.sampled_from(["json", "xml", "application/fhir+json"]) | junk(),
        "offre": real_or_junk(dataset, "offer_pk", "1,2,3", "0", "-1", "9" * 13) | junk(),
        "structure": real_or_junk(dataset, "structure_pk"),
        "type": st.sampled_from(["association", "msp"]) | junk(),
    }


FHIR_COMMON = [
    "_id",
    "_count",
    "_getpagesoffset",
    "_lastUpdated",
    "_format",
    "_pretty",
    "_include",
    "_revinclude",
    "_sort",
    "_summary",
    "_elements",
    "_total",
    "identifier",
]

# (path, query parameter names, extra headers). Pages without parameters get stray ones.
ROUTES: list[tuple[str, list[str], dict[str, str]]] = [
    ("/", SEARCH_PARAMS, {}),
    ("/", SEARCH_PARAMS, {"HX-Request": "true"}),
    ("/", SEARCH_PARAMS, {"HX-Request": "true", "X-Search-Block": "1"}),
    ("/communes/suggestions/", ["commune"], {}),
    ("/fiche-orientation/", ["offre"], {}),
    ("/soins-de-support/", ["q", "page"], {}),
    ("/a-propos/", ["q"], {}),
    ("/donnees-personnelles/", ["q"], {}),
    ("/mes-besoins/", NEEDS_PARAMS, {}),
    ("/mes-besoins/resultat/", NEEDS_PARAMS, {}),
    ("/mes-besoins/a-imprimer/", NEEDS_PARAMS, {}),
    ("/mes-besoins/professionnel/", NEEDS_PARAMS, {}),
    ("/mes-besoins/professionnel/resultat/", NEEDS_PARAMS, {}),
    ("/donnees-ouvertes/", ["q"], {}),
    ("/candidature/", ["q"], {}),
    ("/charte/", ["q"], {}),
    ("/conditions-utilisation/", ["q"], {}),
    ("/etat-de-l-offre/", ["categorie", "sous_categorie", "km"], {}),
    ("/etat-de-l-offre/couverture.csv", ["categorie", "sous_categorie", "km"], {}),
    ("/etat-de-l-offre/chiffres.xlsx", ["q"], {}),
    ("/api/v1/offres", [*SEARCH_PARAMS, "taille", "modifie_depuis"], {}),
    ("/api/v1/structures", ["departement", "type", "modifie_depuis", "page", "taille"], {}),
    ("/api/v1/lieux", ["departement", "structure", "modifie_depuis", "page", "taille"], {}),
    ("/api/v1/taxonomie", ["q"], {}),
    ("/api/v1/communes", ["q"], {}),
    ("/api/v1/openapi.json", ["format"], {}),
    ("/api/v1/docs", ["q"], {}),
    ("/api/v1/data-inclusion/structures", ["page", "taille"], {}),
    ("/api/v1/data-inclusion/services", ["page", "taille"], {}),
    ("/fhir/metadata", ["_format"], {}),
    (
        "/fhir/Organization",
        [*FHIR_COMMON, "name", "address-postalcode", "address-city", "departement"],
        {},
    ),
    (
        "/fhir/Location",
        [*FHIR_COMMON, "organization", "address-postalcode", "address-city", "departement", "commune-cog"],
        {},
    ),
    (
        "/fhir/HealthcareService",
        [
            *FHIR_COMMON,
            "organization",
            "location",
            "service-category",
            "service-type",
            "specialty",
            "location.near-insee-code",
            "departement",
            "program",
        ],
        {},
    ),
    ("/fhir/CodeSystem", ["_format"], {}),
]


def queries(dataset: Dataset, names: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """1 to 4 (name, value) pairs; a name may repeat, and now and then an unknown name slips in."""
    values = parameter_values(dataset)
    pairs = [st.tuples(st.just(name), values.get(name, JUNK)) for name in names]
    stray = st.tuples(st.sampled_from(["inconnu", "\x00", "q[]", ""]), JUNK)
    return st.lists(st.one_of(*pairs, stray), min_size=1, max_size=4)


def problem(client: Client, url: str, headers: dict[str, str] | None = None) -> str | None:
    """What is wrong with the answer to GET `url`, if anything."""
    response = client.get(url, headers=headers or {})
    if response.status_code >= 500:
        return f"{response.status_code} for GET {url[:300]!r} {headers or ''}"
    if response.status_code == 400:
        text = response.content.decode(errors="replace")
        if "json" in response.get("Content-Type", ""):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        if not any(word in text.lower() for word in FRENCH_WORDS):
            return f"400 not explained in French for GET {url[:300]!r}: {text[:300]}"
    return None


def check(client: Client, url: str, headers: dict[str, str] | None = None) -> None:
    found = problem(client, url, headers)
    assert found is None, found


def examples_for(path: str) -> int:
    """More examples where a request is cheap (JSON), fewer for the HTML search page."""
    if path.startswith(("/fhir/", "/api/v1/data-inclusion/", "/communes/", "/fiche-orientation/")):
        return 100
    if path in ("/api/v1/offres", "/"):
        return 25
    return 40


@pytest.mark.parametrize(
    ("path", "names", "headers"),
    ROUTES,
    ids=[f"{path}{'+htmx' if headers else ''}{'+block' if len(headers) > 1 else ''}" for path, _, headers in ROUTES],
)
def test_junk_query_parameters_never_give_a_server_error(
    dataset: Dataset, path: str, names: list[str], headers: dict[str, str]
) -> None:
    client = Client(raise_request_exception=False)

    @settings(SWEEP, max_examples=examples_for(path))
    @given(pairs=queries(dataset, names))
    def sweep(pairs: list[tuple[str, str]]) -> None:
        check(client, f"{path}?{urlencode(pairs)}", headers)

    sweep()


def segments() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(min_value=0, max_value=10**40).map(str),
        st.integers(max_value=-1).map(str),
        st.text(min_size=1, max_size=40).filter(lambda s: "/" not in s),
        st.sampled_from(["\x00", "é", "😀", "9" * 5000, "..", ".", "%00"]),
    )


SEGMENT_ROUTES = [
    "/offres/{}-{}/",
    "/structures/{}-{}/",
    "/api/v1/offres/{}",
    "/api/v1/structures/{}",
    "/api/v1/lieux/{}",
    "/api/v1/{}/{}",
    "/donnees-ouvertes/{}",
    "/candidature/suivi/{}/",
    "/candidature/suivi/{}/completer/",
    "/charte/version-{}/",
    "/conditions-utilisation/version-{}/",
    "/compte/invitation/{}/",
    "/etat-de-l-offre/couverture.{}",
    "/fhir/Organization/{}",
    "/fhir/Location/{}",
    "/fhir/HealthcareService/{}",
    "/fhir/CodeSystem/{}",
    "/fhir/{}",
    "/fhir/{}/{}",
]


@pytest.mark.parametrize("template", SEGMENT_ROUTES)
@SWEEP
@given(data=st.data())
def test_junk_path_segments_never_give_a_server_error(dataset: Dataset, template: str, data: st.DataObject) -> None:
    real = [*dataset.real["offer_pk"], *dataset.real["structure_pk"], *dataset.real["uuid"]]
    real += [f.name for f in PUBLISHED_FILES] + ["sos-taxonomie", "sos-public"]
    parts = [data.draw(st.sampled_from(real) | segments(), label="segment") for _ in range(template.count("{}"))]
    check(Client(raise_request_exception=False), template.format(*(quote(p, safe="") for p in parts)))


# The values most likely to break something, tried in every parameter of every route (no luck
# involved): the property-based tests above explore around them.
CORE = [
    "\x00",
    "a\x00b",
    "\x01\x1f",
    "²",
    "١٢",
    "-1",
    "9" * 25,
    "9" * 5000,
    "nan",
    "1e309",
    "x" * 3000,
    ",",
    "a|b|c",
    "é😀",
]
CORE_BY_PARAMETER = {
    "_lastUpdated": [p + d for p in ("", "ge", "le", "gt", "lt", "ne") for d in DATES],
    "modifie_depuis": DATES,
    "location.near-insee-code": [
        f"{code}|{distance}|km" for code in (BREST, "\x00", "²") for distance in ("15", "nan", "inf", "1e309", "-1")
    ],
    "_count": ["0", "101"],
    "_getpagesoffset": ["9223372036854775808", "9" * 30],
}


@pytest.mark.parametrize(
    ("path", "names", "headers"), [route for route in ROUTES if not route[2]], ids=[r[0] for r in ROUTES if not r[2]]
)
def test_known_nasty_values_in_each_parameter_never_give_a_server_error(
    dataset: Dataset, path: str, names: list[str], headers: dict[str, str]
) -> None:
    client = Client(raise_request_exception=False)
    urls = [f"{path}?{urlencode([(n, v)])}" for n in names for v in [*CORE, *CORE_BY_PARAMETER.get(n, [])]]
    problems = [found for url in urls if (found := problem(client, url))]
    assert not problems, "\n".join(problems)


def test_known_nasty_path_segments_never_give_a_server_error(dataset: Dataset) -> None:
    client = Client(raise_request_exception=False)
    values = ["0", "-1", "9" * 20, "9" * 5000, "\x00", "é", "😀", "%00", ".."]
    urls = [t.format(*[quote(v, safe="")] * t.count("{}")) for t in SEGMENT_ROUTES for v in values]
    problems = [found for url in urls if (found := problem(client, url))]
    assert not problems, "\n".join(problems)


def test_the_sweep_reaches_real_pages(client: Client, dataset: Dataset) -> None:
    """The dataset is published and reachable: the sweep exercises the happy paths too."""
    offer = dataset.offer
    for url in (offer.get_absolute_url(), f"/api/v1/offres/{offer.pk}", f"/fhir/HealthcareService/{offer.uuid}"):
        assert client.get(url).status_code == 200, url
    assert client.get("/?commune=Brest").status_code == 200
