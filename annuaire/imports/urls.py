"""/espace/import/: the back office's import screen and each import's page (declared in
tests/espace/test_authorisation_matrix.py)."""

from django.urls import path

from annuaire.imports import backoffice

app_name = "imports"

urlpatterns = [
    path("", backoffice.import_file, name="import"),
    path("<int:pk>/", backoffice.import_run, name="run"),
]
