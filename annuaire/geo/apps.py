from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "annuaire.geo"
    verbose_name = "Référentiel géographique"
