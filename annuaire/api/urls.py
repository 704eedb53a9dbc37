"""The public read API, version 1 (docs/api.md)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from annuaire.api.views.communes import CommuneLookupView
from annuaire.api.views.docs import documentation
from annuaire.api.views.offers import OfferDetailView, OfferListView
from annuaire.api.views.places import PlaceDetailView, PlaceListView
from annuaire.api.views.removals import RemovalListView
from annuaire.api.views.structures import StructureDetailView, StructureListView
from annuaire.api.views.taxonomy import TaxonomyView

app_name = "api"

resources = [
    path("offres", OfferListView.as_view(), name="offers"),
    path("offres/<int:pk>", OfferDetailView.as_view(), name="offer"),
    path("structures", StructureListView.as_view(), name="structures"),
    path("structures/<int:pk>", StructureDetailView.as_view(), name="structure"),
    path("lieux", PlaceListView.as_view(), name="places"),
    path("lieux/<int:pk>", PlaceDetailView.as_view(), name="place"),
    path("suppressions", RemovalListView.as_view(), name="removals"),
    path("taxonomie", TaxonomyView.as_view(), name="taxonomy"),
    path("communes", CommuneLookupView.as_view(), name="communes"),
]

# The OpenAPI document describes this API and the data·inclusion export, at their mounted
# prefixes (config/urls.py).
SCHEMA_PATTERNS = [
    path("api/v1/data-inclusion/", include("annuaire.interop.datainclusion.urls")),
    path("api/v1/", include(resources)),
]

urlpatterns = [
    *resources,
    path("openapi.json", SpectacularJSONAPIView.as_view(patterns=SCHEMA_PATTERNS), name="openapi"),
    path("docs", documentation, name="docs"),
]
