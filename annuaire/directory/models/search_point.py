"""Where each offer is delivered, one row per offer and place, kept by the database
(annuaire/directory/search_points.py, docs/adr/0044)."""

from __future__ import annotations

from django.db import models


class SearchPoint(models.Model):
    """An offer's category beside one of its places' coordinates, so that one index answers
    "offers of this category around here" without reading the offers of every category
    there (around Paris, 20,000 of them for 2,000 of one category).

    A copy of `Offer.places` (the link's id, its offer and place), `Offer.category`,
    `Place.lat`/`lng` and the département of the place's commune, written only by the
    database's triggers: never save one."""

    id = models.BigIntegerField("lien offre-lieu", primary_key=True)
    offer_id = models.BigIntegerField("offre")
    place_id = models.BigIntegerField("lieu")
    category_id = models.BigIntegerField("catégorie de soins")
    departement_id = models.CharField("département du lieu", max_length=3)
    lat = models.FloatField("latitude", null=True)
    lng = models.FloatField("longitude", null=True)

    class Meta:
        db_table = "directory_search_point"
        verbose_name = "point de recherche"
        indexes = [
            # A category around a point: its rows in a band of latitude, read from the index alone.
            models.Index(fields=["category_id", "lat", "lng", "offer_id"], name="search_point_category"),
            # Every category around a point.
            models.Index(fields=["lat", "lng", "offer_id"], name="search_point_area"),
            # A département (and a category): a planner's statistics count its rows exactly,
            # where place → commune → département left PostgreSQL guessing.
            models.Index(fields=["departement_id", "category_id", "offer_id"], name="search_point_departement"),
            # The nearest place of an offer.
            models.Index(fields=["offer_id", "lat", "lng"], name="search_point_offer"),
            # A place that moves (the triggers).
            models.Index(fields=["place_id"], name="search_point_place"),
        ]

    def __str__(self) -> str:
        return f"offre {self.offer_id} au lieu {self.place_id}"
