from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "annuaire.audit"
    verbose_name = "Historique des modifications"

    def ready(self) -> None:
        from annuaire.audit.registry import register_directory_models

        register_directory_models()
