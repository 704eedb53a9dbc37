from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "annuaire.verification"
    verbose_name = "Vérification annuelle des données"
