"""The verification pages of the back office, under /espace/verification/ (config/urls.py)."""

from django.urls import path

from annuaire.verification import views

app_name = "verification"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lien/<str:token>/", views.signed_link, name="link"),
    path("structures/<int:pk>/", views.structure_page, name="structure"),
    path("structures/<int:pk>/confirmer/", views.confirm_all, name="confirm_structure"),
    path("offres/<int:pk>/confirmer/", views.confirm_one, name="confirm_offer"),
    path("structures/<int:pk>/avis/", views.add_notice, name="add_notice"),
    path("avis/<int:pk>/retirer/", views.remove_notice, name="remove_notice"),
    path("retablissements/", views.reinstatements, name="reinstatements"),
    path("signalements/", views.reports, name="reports"),
    path("signalements/<int:pk>/traite/", views.report_handled, name="report_handled"),
    path("retablissements/<int:pk>/decision/", views.decide, name="decide"),
]
