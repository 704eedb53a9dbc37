from django.apps import AppConfig


class WwwConfig(AppConfig):
    name = "annuaire.www"
    verbose_name = "Site public"
