from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "annuaire.applications"
    verbose_name = "Candidatures des structures"
