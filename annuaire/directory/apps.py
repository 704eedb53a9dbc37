from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "annuaire.directory"
    verbose_name = "Annuaire"

    def ready(self) -> None:
        from annuaire.core import published
        from annuaire.directory import signals  # noqa: F401

        # Every row of the directory can show in a public answer (docs/adr/0034-response-cache.md).
        published.watch(*self.get_models())
