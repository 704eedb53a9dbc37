from django.urls import path

from annuaire.applications.views import invitation, legal, public

app_name = "applications"

urlpatterns = [
    path("candidature/", public.apply, name="apply"),
    path("candidature/suivi/<str:key>/", public.tracking, name="tracking"),
    path("candidature/suivi/<str:key>/completer/", public.complete, name="complete"),
    path("charte/", legal.charter, name="charter"),
    path("charte/version-<str:version>/", legal.charter, name="charter"),
    path("conditions-utilisation/", legal.terms, name="terms"),
    path("conditions-utilisation/version-<str:version>/", legal.terms, name="terms"),
    path("compte/invitation/<str:key>/", invitation.accept_invitation, name="invitation"),
]
