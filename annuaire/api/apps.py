from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "annuaire.api"
    verbose_name = "API publique"
