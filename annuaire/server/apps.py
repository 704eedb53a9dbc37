from django.apps import AppConfig


class ServerConfig(AppConfig):
    """Running in production: request limits, rate limits, error pages, deploy checks."""

    name = "annuaire.server"
    verbose_name = "Serveur"

    def ready(self) -> None:
        from annuaire.server import checks  # noqa: F401  (registers the deploy checks)
