from django.apps import AppConfig


class GeoConfig(AppConfig):
    name = "annuaire.geo"
    verbose_name = "Référentiel géographique"

    def ready(self) -> None:
        from annuaire.core import published

        # The communes and départements place every public answer (docs/adr/0034-response-cache.md).
        published.watch(*self.get_models())
