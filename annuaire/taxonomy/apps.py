from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "annuaire.taxonomy"
    verbose_name = "Nomenclature des soins de support"

    def ready(self) -> None:
        from annuaire.core import published

        # The categories and sub-categories label every public answer (docs/adr/0034-response-cache.md).
        published.watch(*self.get_models())
