from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "annuaire.interop"
    label = "interop"
    verbose_name = "Interopérabilité (ROR, data·inclusion)"
