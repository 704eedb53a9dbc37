"""The public search: one set of criteria for the web pages and the JSON API.

`SearchForm` reads query parameters (the same names in the page URL and the API),
checks them with French messages, and yields `SearchCriteria`; `apply_criteria`
turns criteria into one SQL query (docs/adr/0004-search-design.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.db.models import Min, Q
from django.utils import timezone

from annuaire.core.fields import ChoiceSetField
from annuaire.core.geodesy import Point, bounding_box, distance_km_expression, haversine_km
from annuaire.core.text import search_words
from annuaire.directory.enums import Access, AgeGroup, Audience, CareSetting, Cost, Phase
from annuaire.directory.models import Offer, OfferQuerySet, Place
from annuaire.directory.models.notice import closed_on
from annuaire.geo.models import Commune, Departement
from annuaire.taxonomy.models import Category, SubCategory

RADIUS_CHOICES = [5, 10, 20, 30, 50, 100]
MAX_RADIUS_KM = 500
DEFAULT_RADIUS_KM = 20

# Multi-valued refinements: query parameter → (model field, vocabulary).
CHOICE_FILTERS: dict[str, tuple[str, Any]] = {
    "public": ("audiences", Audience),
    "age": ("age_groups", AgeGroup),
    "lieu": ("care_settings", CareSetting),
    "phase": ("phases", Phase),
    "acces": ("access", Access),
}


@dataclass(frozen=True)
class SearchCriteria:
    category: Category | None = None
    subcategories: tuple[SubCategory, ...] = ()
    departement: Departement | None = None
    commune: Commune | None = None
    radius_km: float | None = None
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parcours_global: bool = False
    free_only: bool = False
    open_today: bool = False
    text: str = ""

    @property
    def centre(self) -> Point | None:
        return self.commune.point if self.commune else None

    def widened(self, **changes: Any) -> SearchCriteria:
        """The same search with some criteria changed (to suggest alternatives)."""
        return replace(self, **changes)


def apply_criteria(offers: OfferQuerySet, criteria: SearchCriteria) -> OfferQuerySet:
    if criteria.category:
        offers = offers.filter(category=criteria.category)
    # Uncorrelated `IN (subquery)` lets the database start from the few matching rows
    # of the link tables instead of probing them once per published offer.
    if criteria.subcategories:
        offers = offers.filter(
            pk__in=Offer.subcategories.through.objects.filter(
                subcategory__in=[s.pk for s in criteria.subcategories]
            ).values("offer_id")
        )
    if criteria.departement:
        offers = offers.filter(
            pk__in=Offer.places.through.objects.filter(place__commune__departement_id=criteria.departement.code).values(
                "offer_id"
            )
        )
    for parameter, codes in criteria.choices.items():
        model_field = CHOICE_FILTERS[parameter][0]
        any_code = Q()
        for code in codes:
            any_code |= Q(**{f"{model_field}__contains": ChoiceSetField.lookup(code)})
        offers = offers.filter(any_code)
    if criteria.parcours_global:
        offers = offers.filter(parcours_global=True)
    if criteria.free_only:
        offers = offers.filter(cost__in=[Cost.FREE, Cost.COVERED])
    for word in search_words(criteria.text):
        offers = offers.filter(search_text__contains=word)
    # Closures (holidays...) are dated: "today" is when the search runs.
    today = timezone.localdate()
    offers = offers.annotate(closed_today=closed_on(today))
    if criteria.open_today:
        offers = offers.filter(~closed_on(today))

    centre = criteria.centre
    if centre is None:
        return offers.order_by("title", "pk")
    if criteria.radius_km is not None:
        box = bounding_box(centre, criteria.radius_km)
        offers = offers.filter(
            places__lat__range=(box.min_lat, box.max_lat), places__lng__range=(box.min_lng, box.max_lng)
        )
    offers = offers.annotate(distance_km=Min(distance_km_expression(centre, "places__lat", "places__lng")))
    if criteria.radius_km is not None:
        offers = offers.filter(distance_km__lte=criteria.radius_km)  # type: ignore[misc]
    return offers.order_by("distance_km", "title", "pk")


def nearest_place(offer: Offer, centre: Point | None) -> Place | None:
    """The place of `offer` closest to `centre` (its first place without a centre).

    Works on prefetched places (`with_result_relations`), so it costs no query.
    """
    places = list(offer.places.all())
    if not places:
        return None
    if centre is None:
        return places[0]
    located = [p for p in places if p.lat is not None and p.lng is not None]
    if not located:
        return places[0]
    return min(located, key=lambda p: haversine_km(centre, Point(p.lat, p.lng)))  # type: ignore[arg-type]


class CodeListField(forms.Field):
    """Codes given as repeated parameters or comma-separated: ?age=aja&age=adultes or ?age=aja,adultes."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, vocabulary: Any = None, **kwargs: Any) -> None:
        self.vocabulary = vocabulary
        super().__init__(**kwargs)
        if vocabulary is not None:
            self.widget.choices = vocabulary.choices

    def to_python(self, value: Any) -> list[str]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        codes = [code.strip() for item in values for code in str(item).split(",") if code.strip()]
        return list(dict.fromkeys(codes))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if any("\x00" in code for code in value):
            # Never sent to the database (PostgreSQL refuses a NUL in text).
            raise forms.ValidationError("Le caractère nul n'est pas autorisé.", code="null_characters_not_allowed")
        if self.vocabulary is not None:
            unknown = [code for code in value if code not in self.vocabulary.values]
            if unknown:
                allowed = ", ".join(self.vocabulary.values)
                raise forms.ValidationError(
                    f"Valeur inconnue : {', '.join(unknown)}. Valeurs possibles : {allowed}.", code="unknown"
                )


class SearchForm(forms.Form):
    """Search parameters, shared by the search page and `GET /api/v1/offres`."""

    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    categorie = forms.CharField(label="Type de soin", required=False)
    sous_categorie = CodeListField(label="Soins précis", required=False)
    parcours = forms.BooleanField(label="Parcours de soins global après le traitement d'un cancer", required=False)
    departement = forms.CharField(label="Département", required=False)
    commune = forms.CharField(label="Commune ou code postal", required=False, max_length=150)
    rayon = forms.CharField(label="Distance maximale", required=False)
    public = CodeListField(label="Pour qui", required=False, vocabulary=Audience)
    age = CodeListField(label="Âge", required=False, vocabulary=AgeGroup)
    lieu = CodeListField(label="Où a lieu le soin", required=False, vocabulary=CareSetting)
    phase = CodeListField(label="Moment du parcours", required=False, vocabulary=Phase)
    acces = CodeListField(label="Conditions d'accès", required=False, vocabulary=Access)
    gratuit = forms.BooleanField(label="Uniquement sans frais pour la personne", required=False)
    ouvert = forms.BooleanField(label="Sans les offres fermées aujourd'hui (congés, fermeture)", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._categories = {c.code: c for c in Category.objects.active()}

    @property
    def categories(self) -> list[Category]:
        """The active categories, loaded once per form (the page lists them too)."""
        return list(self._categories.values())

    def clean_categorie(self) -> Category | None:
        code = self.cleaned_data["categorie"].strip()
        if not code:
            return None
        if code not in self._categories:
            raise forms.ValidationError(f"Type de soin inconnu : « {code} ».", code="unknown")
        return self._categories[code]

    def clean_sous_categorie(self) -> list[SubCategory]:
        codes = self.cleaned_data["sous_categorie"]
        if not codes:
            return []
        found = {s.code: s for s in SubCategory.objects.active().filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(f"Soin inconnu : {', '.join(unknown)}.", code="unknown")
        return [found[code] for code in codes]

    def clean_departement(self) -> Departement | None:
        code = self.cleaned_data["departement"].strip().upper()
        if not code:
            return None
        departement = Departement.objects.filter(code=code).first()
        if departement is None:
            raise forms.ValidationError(f"Département inconnu : « {code} ».", code="unknown")
        return departement

    def clean_commune(self) -> Commune | None:
        value = self.cleaned_data["commune"].strip()
        if not value:
            return None
        commune = resolve_commune(value)
        if commune is None:
            raise forms.ValidationError(
                f"Nous ne trouvons pas la commune « {value} ». Vérifiez l'orthographe ou indiquez son code postal.",
                code="unknown",
            )
        if commune.point is None:
            raise forms.ValidationError(
                f"La position de {commune.name} n'est pas connue : choisissez une commune voisine.",
                code="no_position",
            )
        return commune

    def clean_rayon(self) -> float | None:
        value = self.cleaned_data["rayon"].strip().replace(",", ".")
        if not value:
            return None
        try:
            radius = float(value.removesuffix("km").strip())
        except ValueError:
            raise forms.ValidationError(
                "La distance doit être un nombre de kilomètres, par exemple 20.", code="invalid"
            ) from None
        if not 0 < radius <= MAX_RADIUS_KM:
            raise forms.ValidationError(
                f"La distance doit être comprise entre 1 et {MAX_RADIUS_KM} km.", code="out_of_range"
            )
        return radius

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        category = cleaned.get("categorie")
        subcategories = cleaned.get("sous_categorie") or []
        if category and any(s.category_id != category.pk for s in subcategories):
            self.add_error("sous_categorie", "Ce soin ne fait pas partie du type de soin choisi.")
        return cleaned

    def criteria(self) -> SearchCriteria:
        """The validated criteria; call after `is_valid()`."""
        data = self.cleaned_data
        commune = data.get("commune")
        radius = data.get("rayon")
        if commune is not None and radius is None:
            radius = float(DEFAULT_RADIUS_KM)
        return SearchCriteria(
            category=data.get("categorie"),
            subcategories=tuple(data.get("sous_categorie") or ()),
            departement=data.get("departement"),
            commune=commune,
            radius_km=radius if commune is not None else None,
            choices={name: tuple(data[name]) for name in CHOICE_FILTERS if data.get(name)},
            parcours_global=bool(data.get("parcours")),
            free_only=bool(data.get("gratuit")),
            open_today=bool(data.get("ouvert")),
            text=data.get("q") or "",
        )

    def error_messages(self) -> dict[str, list[str]]:
        return {name: [str(message) for message in messages] for name, messages in self.errors.items()}


def resolve_commune(value: str) -> Commune | None:
    """A commune from an INSEE code, a postal code, a name, or an autocomplete label "Rennes (35)"."""
    value = value.strip()
    compact = value.replace(" ", "")
    if len(compact) == 5 and (compact.isdigit() or compact[:2].upper() in ("2A", "2B")):
        return Commune.objects.by_code_or_postal_code(compact)
    name, departement = value, ""
    if value.endswith(")") and "(" in value:
        name, _, rest = value.rpartition("(")
        departement = rest.rstrip(")").strip().upper()
    matches = Commune.objects.lookup(name.strip())
    if departement:
        matches = matches.filter(departement_id=departement)
    return matches.first()
