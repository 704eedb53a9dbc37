from django.urls import path

from annuaire.insight.views import public

app_name = "insight"

urlpatterns = [
    path("", public.state_of_offer, name="state_of_offer"),
    path("couverture.<str:fmt>", public.coverage_download, name="coverage_download"),
    path("chiffres.<str:fmt>", public.figures_download, name="figures_download"),
]
