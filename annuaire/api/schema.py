"""OpenAPI declarations shared by the views: parameters (in French) and responses."""

from __future__ import annotations

from typing import Any, Literal

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

from annuaire.api.pagination import MAX_PAGE_NUMBER, PageNumberPagination
from annuaire.api.params import MAX_PK
from annuaire.api.serializers.errors import InvalidParametersSerializer, MessageSerializer
from annuaire.core.text import format_km
from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Phase, StructureKind
from annuaire.directory.search import MAX_RADIUS_KM, default_radius_km
from annuaire.geo.reference import departement_codes

Q: Literal["query"] = "query"


def _codes(name: str, vocabulary: Any, description: str) -> OpenApiParameter:
    allowed = ", ".join(f"`{value}` ({label})" for value, label in vocabulary.choices)
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string", "enum": list(vocabulary.values)}},
        Q,
        description=f"{description} Un ou plusieurs codes, répétés (`?{name}=a&{name}=b`) ou séparés par des "
        f"virgules ; une offre correspond si elle a l'un d'eux. Valeurs : {allowed}.",
        explode=True,
    )


MODIFIED_SINCE = OpenApiParameter(
    "modifie_depuis",
    {"type": "string", "format": "date-time"},
    Q,
    description="Synchronisation incrémentale : seulement ce qui a été modifié à cette date ou après. "
    "Date ou date-heure ISO 8601 (`2025-01-31`, `2025-01-31T08:30:00+01:00`) ; sans fuseau : heure de Paris.",
)
PAGE = OpenApiParameter(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_NUMBER},
    Q,
    description="Numéro de la page de résultats (à partir de 1). Après la dernière page : une page vide.",
)


def page_size_parameter(pagination_class: type[PageNumberPagination] = PageNumberPagination) -> OpenApiParameter:
    """`taille`, with the page-size rules of the view's pagination."""
    default, maximum = pagination_class.default_page_size, pagination_class.max_page_size
    return OpenApiParameter(
        "taille",
        {"type": "integer", "minimum": 1, "maximum": maximum},
        Q,
        description=f"Nombre de résultats par page : {default} par défaut, {maximum} au plus.",
    )


PAGE_SIZE = page_size_parameter()
DEPARTEMENT = OpenApiParameter(
    "departement",
    {"type": "string", "enum": list(departement_codes())},
    Q,
    description="Code INSEE du département, par exemple `35` ou `2A`.",
)

OFFER_SEARCH_PARAMETERS = [
    OpenApiParameter(
        "q",
        OpenApiTypes.STR,
        Q,
        description="Mots-clés cherchés dans l'intitulé, la description, la structure "
        "et les soins (sans tenir compte des accents ni des majuscules).",
    ),
    OpenApiParameter(
        "categorie",
        OpenApiTypes.STR,
        Q,
        description="Code du type de soin (voir `/api/v1/taxonomie`), par exemple `douleur` ou `nutrition`.",
    ),
    OpenApiParameter(
        "sous_categorie",
        {"type": "array", "items": {"type": "string"}},
        Q,
        explode=True,
        description="Code(s) de soin précis (voir `/api/v1/taxonomie`), répétés ou séparés par des virgules ; "
        "ils doivent appartenir à la catégorie si elle est donnée.",
    ),
    DEPARTEMENT,
    OpenApiParameter(
        "commune",
        {"type": "string", "pattern": "^([0-9]{2}|2A|2B)[0-9]{3}$"},
        Q,
        description="Code INSEE de la commune autour de laquelle chercher (par exemple `29232` pour Quimper ; "
        "voir `/api/v1/communes`). Les résultats sont alors triés par distance et portent `distance_km`. "
        "Ne pas donner avec `code_postal`.",
    ),
    OpenApiParameter(
        "code_postal",
        {"type": "string", "pattern": "^[0-9]{5}$"},
        Q,
        description="Code postal autour duquel chercher, par exemple `29100`. Quand plusieurs communes partagent "
        "ce code, la recherche se fait autour de la plus peuplée. Ne pas donner avec `commune`.",
    ),
    OpenApiParameter(
        "rayon",
        {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": MAX_RADIUS_KM},
        Q,
        description=f"Distance maximale autour de la commune, en km ({format_km(default_radius_km())} par défaut, "
        f"{MAX_RADIUS_KM} au plus). Sans effet sans commune ni code postal.",
    ),
    _codes("public", Audience, "Pour qui."),
    _codes("age", AgeGroup, "Âge des personnes."),
    _codes("lieu", CareSetting, "Où a lieu le soin."),
    _codes("phase", Phase, "Moment du parcours."),
    _codes("acces", Access, "Conditions d'accès."),
    OpenApiParameter(
        "parcours",
        OpenApiTypes.BOOL,
        Q,
        description="`true` : seulement les offres du parcours de soins global après le traitement d'un cancer.",
    ),
    OpenApiParameter(
        "gratuit",
        OpenApiTypes.BOOL,
        Q,
        description="`true` : seulement les offres sans frais pour la personne (gratuites ou prises en charge).",
    ),
    OpenApiParameter(
        "ouvert",
        OpenApiTypes.BOOL,
        Q,
        description="`true` : sans les offres fermées aujourd'hui (congés ou fermeture temporaire de l'offre ou "
        "de sa structure, à la date du jour).",
    ),
    MODIFIED_SINCE,
    PAGE,
    PAGE_SIZE,
]

STRUCTURE_PARAMETERS = [
    DEPARTEMENT,
    OpenApiParameter(
        "type",
        {"type": "string", "enum": list(StructureKind.values)},
        Q,
        description="Type de structure : "
        + ", ".join(f"`{value}` ({label})" for value, label in StructureKind.choices)
        + ".",
    ),
    MODIFIED_SINCE,
    PAGE,
    PAGE_SIZE,
]

PLACE_PARAMETERS = [
    DEPARTEMENT,
    OpenApiParameter(
        "structure",
        {"type": "integer", "minimum": 1, "maximum": MAX_PK},
        Q,
        description="Seulement les lieux de cette structure (id).",
    ),
    MODIFIED_SINCE,
    PAGE,
    PAGE_SIZE,
]

# Free text as the forms take it: spaces around are stripped, a NUL character is refused.
# Space is spelt out as Python's `str.strip` means it: `\s` differs between regular
# expression engines (ECMAScript's, that schemathesis draws from, leaves out \x1c-\x1f and
# \x85, which the forms strip: it drew "\U000c821c\x1f" as valid).
VISIBLE = r"[^\x00\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
ONE_VISIBLE_CHARACTER = rf"^[^\x00]*{VISIBLE}[^\x00]*$"
TWO_VISIBLE_CHARACTERS = rf"^[^\x00]*{VISIBLE}[^\x00]*{VISIBLE}[^\x00]*$"

COMMUNE_PARAMETERS = [
    OpenApiParameter(
        "q",
        # Two characters once the spaces around are removed (as the form strips them): two
        # non-space characters somewhere, so that "\x1eL" is not documented as valid; and no
        # NUL character anywhere (Django's form fields refuse it).
        {"type": "string", "minLength": 2, "maxLength": 100, "pattern": TWO_VISIBLE_CHARACTERS},
        Q,
        required=True,
        description="Début du nom de la commune (accents et tirets indifférents) ou code postal, 2 caractères au "
        "moins. Au plus 10 communes, les plus peuplées d'abord.",
    ),
]

INVALID = OpenApiResponse(
    InvalidParametersSerializer,
    description="Paramètre invalide : `erreurs` donne, pour chaque paramètre, les messages en français.",
)
NOT_FOUND = OpenApiResponse(MessageSerializer, description="N'existe pas ou n'est pas publié.")
NOT_MODIFIED = OpenApiResponse(
    description="Non modifié depuis la version que vous avez (If-None-Match / If-Modified-Since) : réutilisez-la."
)


def _page(name: str, results: serializers.Field) -> Any:  # type: ignore[type-arg]
    return inline_serializer(
        name,
        fields={
            "count": serializers.IntegerField(help_text="Nombre total de résultats."),
            "next": serializers.URLField(allow_null=True, help_text="Page suivante (null sur la dernière)."),
            "previous": serializers.URLField(allow_null=True, help_text="Page précédente (null sur la première)."),
            "results": results,
        },
    )


def page_of(name: str, item: type[serializers.Serializer]) -> Any:  # type: ignore[type-arg]
    return _page(name, item(many=True))


def page_of_objects(name: str, help_text: str) -> Any:
    """A page whose records are plain JSON objects described elsewhere (e.g. by an external schema)."""
    return _page(name, serializers.ListField(child=serializers.DictField(), help_text=help_text))


def require_non_blank_strings(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: a free-text query parameter needs a non-blank
    value (an empty one is a 400, `validated_pagination`), so the document says so."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                free_text = schema.get("type") == "string" and not {"enum", "format"} & schema.keys()
                if parameter.get("in") == "query" and free_text:
                    schema.setdefault("minLength", 1)
                    schema.setdefault("pattern", ONE_VISIBLE_CHARACTER)
    return result


def page_of_objects_with(name: str, item: Any) -> Any:
    """A page of records described by an inline serializer."""
    return _page(name, serializers.ListField(child=item))
