"""The network's screens in the back office (/espace/reseau/), namespace `reseau`."""

from django.urls import path

from annuaire.insight.views import espace

app_name = "reseau"

urlpatterns = [
    path("couverture/", espace.coverage, name="coverage"),
    path("couverture.csv", espace.coverage_download, {"fmt": "csv"}, name="coverage_csv"),
    path("couverture.xlsx", espace.coverage_download, {"fmt": "xlsx"}, name="coverage_xlsx"),
    path("recherches/", espace.searches, name="searches"),
    path("recherches.csv", espace.searches_download, {"fmt": "csv"}, name="searches_csv"),
    path("recherches.xlsx", espace.searches_download, {"fmt": "xlsx"}, name="searches_xlsx"),
    path("chiffres/", espace.figures, name="figures"),
    path("chiffres.csv", espace.figures_download, {"fmt": "csv"}, name="figures_csv"),
    path("chiffres.xlsx", espace.figures_download, {"fmt": "xlsx"}, name="figures_xlsx"),
]
