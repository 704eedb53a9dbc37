from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "annuaire.directory"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from annuaire.directory import signals  # noqa: F401
