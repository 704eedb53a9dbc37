from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "annuaire.insight"
    label = "insight"
    verbose_name = "Ce que voit le réseau"
