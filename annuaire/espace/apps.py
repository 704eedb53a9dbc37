from django.apps import AppConfig


class EspaceConfig(AppConfig):
    name = "annuaire.espace"
    verbose_name = "Espace des structures et des coordinateurs"
