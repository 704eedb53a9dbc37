from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "annuaire.taxonomy"
    verbose_name = "Nomenclature des soins de support"
