from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"Administration – {settings.SITE_NAME}"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Gestion de l'annuaire"

handler500 = "annuaire.www.views.errors.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/data-inclusion/", include("annuaire.interop.datainclusion.urls")),
    path("api/v1/", include("annuaire.api.urls")),
    # Keep last among api/v1/ routes: unknown API addresses get a JSON 404.
    path("api/v1/", include("annuaire.api.fallback_urls")),
    path("espace/verification/", include("annuaire.verification.urls")),
    path("fhir/", include("annuaire.interop.fhir.urls")),
    path("donnees-ouvertes/", include("annuaire.opendata.urls")),
    path("espace/candidatures/", include("annuaire.applications.urls.backoffice")),
    path("espace/equipe/", include("annuaire.applications.urls.team")),
    path("", include("annuaire.applications.urls.public")),
    path("etat-de-l-offre/", include("annuaire.insight.urls")),
    # The back office; other features register their own namespaces under espace/ too.
    path("espace/reseau/", include("annuaire.insight.network_urls")),
    path("espace/import/", include("annuaire.imports.urls")),
    path("espace/", include("annuaire.espace.urls")),
    # Sign in, second factor, password (django-allauth), in French.
    path("compte/", include("allauth.urls")),
    path("", include("annuaire.verification.public_urls")),
    path("", include("annuaire.www.urls")),
]

# Rendered without the database: an unavailable database answers the French 503 page.
handler400 = "annuaire.server.responses.bad_request"
handler500 = "annuaire.server.responses.server_error"
