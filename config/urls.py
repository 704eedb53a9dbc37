from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("annuaire.api.urls")),
    path("donnees-ouvertes/", include("annuaire.opendata.urls")),
    path("", include("annuaire.www.urls")),
]
