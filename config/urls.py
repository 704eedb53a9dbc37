from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/data-inclusion/", include("annuaire.interop.datainclusion.urls")),
    path("api/v1/", include("annuaire.api.urls")),
    path("fhir/", include("annuaire.interop.fhir.urls")),
    path("donnees-ouvertes/", include("annuaire.opendata.urls")),
    path("", include("annuaire.www.urls")),
]
