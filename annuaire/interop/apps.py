from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "annuaire.interop"
    label = "interop"
    verbose_name = "Interopérabilité (ROR, data·inclusion)"

    def ready(self) -> None:
        from annuaire.core import published

        # The ROR codes show in the FHIR answers (docs/adr/0034-response-cache.md).
        published.watch(*self.get_models())
