from django.urls import path

from annuaire.verification import public_views

app_name = "verification_public"

urlpatterns = [
    path("offres/<int:pk>/signaler-une-erreur/", public_views.report_error, name="report_error"),
]
