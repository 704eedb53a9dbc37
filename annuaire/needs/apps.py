from django.apps import AppConfig


class NeedsConfig(AppConfig):
    name = "annuaire.needs"
    verbose_name = "Faire le point sur ses besoins"
