from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "annuaire.imports"
    verbose_name = "Imports de données"
