from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "annuaire.core"
    verbose_name = "Socle technique"
