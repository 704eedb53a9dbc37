from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "annuaire.opendata"
    verbose_name = "Données ouvertes"
