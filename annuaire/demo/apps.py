from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Tooling: the demo region and the national benchmark dataset (never loaded in production)."""

    name = "annuaire.demo"
    verbose_name = "Démonstration"
