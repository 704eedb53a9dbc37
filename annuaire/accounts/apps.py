from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "annuaire.accounts"
    verbose_name = "Comptes, rôles et territoires"
