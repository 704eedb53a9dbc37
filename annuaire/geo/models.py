"""Reference geography: régions, départements, communes and their postal codes.

Loaded from INSEE / La Poste open data (see data/ATTRIBUTION.md) by `load_geo`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from annuaire.core.geodesy import Point
from annuaire.core.text import normalize


class Region(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "région"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Departement(models.Model):
    code = models.CharField("code INSEE", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    lat = models.FloatField("latitude du centre")
    lng = models.FloatField("longitude du centre")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class CommuneQuerySet(models.QuerySet["Commune"]):
    def lookup(self, query: str) -> CommuneQuerySet:
        """Communes matching a name prefix or a postal code, most populated first.

        Insensitive to accents, case, hyphens and St/Saint; former names of merged
        communes (communes déléguées) match too.
        """
        query = (query or "").strip()
        if query.isdigit():
            if len(query) == 5:
                matches = Q(postal_codes__code=query) | Q(code=query)
            else:
                matches = Q(postal_codes__code__startswith=query)
        else:
            needle = normalize(query)
            if not needle:
                return self.none()
            matches = Q(search_name__startswith=needle) | Q(search_name__contains=" " + needle)
            matches |= Q(alias_names__contains="|" + needle)
        return self.filter(matches).distinct().select_related("departement").order_by("-population", "name")


class Commune(models.Model):
    """A commune, or a municipal arrondissement of Paris, Lyon or Marseille."""

    class Kind(models.TextChoices):
        COMMUNE = "COM", "commune"
        ARRONDISSEMENT = "ARM", "arrondissement municipal"

    code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=150)
    search_name = models.CharField("nom normalisé", max_length=150, db_index=True, editable=False)
    # Normalised former names of merged communes, "|"-delimited: "|bellegarde sur valserine|"
    alias_names = models.TextField("anciens noms normalisés", blank=True, default="", editable=False)
    kind = models.CharField("type", max_length=3, choices=Kind.choices, default=Kind.COMMUNE)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="arrondissements")
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    lat = models.FloatField("latitude", null=True, blank=True)
    lng = models.FloatField("longitude", null=True, blank=True)
    population = models.PositiveIntegerField("population 2021", default=0)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [models.Index(fields=["lat", "lng"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.departement_id})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def point(self) -> Point | None:
        if self.lat is None or self.lng is None:
            return None
        return Point(self.lat, self.lng)

    @property
    def label(self) -> str:
        """ "Rennes (35)": what the autocomplete shows and the search form keeps."""
        return f"{self.name} ({self.departement_id})"


class PostalCode(models.Model):
    code = models.CharField("code postal", max_length=5, db_index=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postal_codes")

    class Meta:
        verbose_name = "code postal"
        constraints = [models.UniqueConstraint(fields=["code", "commune"], name="unique_postal_code_commune")]

    def __str__(self) -> str:
        return self.code
