"""What the network sees: stored coverage distances, anonymous search counts, monthly snapshots.

Nothing here identifies a person: see docs/adr/0021-anonymous-search-statistics.md.
"""

from __future__ import annotations

from django.db import models


class CoverageDistance(models.Model):
    """Distance from a commune's centre to the nearest in-person published offer of a
    category, refreshed nightly by `refresh_insight` for the screens (docs/adr/0020)."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+", verbose_name="commune")
    category = models.ForeignKey(
        "taxonomy.Category", on_delete=models.CASCADE, related_name="+", verbose_name="catégorie de soins"
    )
    # None: no published in-person offer of this category anywhere.
    distance_km = models.FloatField("distance de l'offre la plus proche (km)", null=True)
    computed_at = models.DateTimeField("calculée le")

    class Meta:
        verbose_name = "distance à l'offre la plus proche"
        verbose_name_plural = "distances à l'offre la plus proche"
        constraints = [models.UniqueConstraint(fields=["category", "commune"], name="unique_coverage_commune")]

    def __str__(self) -> str:
        return f"{self.commune_id} – {self.category_id}: {self.distance_km}"


class SearchCount(models.Model):
    """How many public searches asked exactly this on this day, and how many results they got.

    One row per (day, criteria, result count) with a counter: never an IP address, a
    cookie, a user agent, a time of day, or free text as typed (only the words of the
    taxonomy's vocabulary are kept).
    """

    day = models.DateField("jour")
    category = models.CharField("type de soin (code)", max_length=60, blank=True)
    subcategories = models.CharField("soins précis (codes)", max_length=255, blank=True)
    filters = models.CharField("autres filtres", max_length=255, blank=True)
    words = models.CharField("mots du vocabulaire des soins", max_length=255, blank=True)
    commune = models.CharField("commune (code INSEE)", max_length=5, blank=True)
    departement = models.CharField("département (code)", max_length=3, blank=True)
    radius_km = models.PositiveSmallIntegerField("rayon (km)", default=0, help_text="0 : sans commune, pas de rayon.")
    result_count = models.PositiveIntegerField("nombre de résultats")
    searches = models.PositiveIntegerField("nombre de recherches", default=1)

    class Meta:
        verbose_name = "recherche anonyme (compteur du jour)"
        verbose_name_plural = "recherches anonymes (compteurs du jour)"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "category",
                    "subcategories",
                    "filters",
                    "words",
                    "commune",
                    "departement",
                    "radius_km",
                    "result_count",
                ],
                name="unique_search_count_per_day",
            )
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.category or '-'}: {self.searches}"


class MonthlySnapshot(models.Model):
    """The yearly figures as they stood at the start of a month (one row per month)."""

    month = models.DateField("mois", unique=True)
    figures = models.JSONField("chiffres")
    computed_at = models.DateTimeField("calculé le")

    class Meta:
        verbose_name = "instantané mensuel"
        verbose_name_plural = "instantanés mensuels"
        ordering = ["month"]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")
