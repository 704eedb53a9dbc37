from django.urls import path

from annuaire.applications.views import backoffice, territories

app_name = "candidatures"

# Mounted at /espace/candidatures/ (config/urls.py).
urlpatterns = [
    path("", backoffice.queue, name="queue"),
    path("nouvelle/", backoffice.record, name="record"),
    path("<int:pk>/", backoffice.detail, name="detail"),
    path("<int:pk>/decision/", backoffice.decide, name="decide"),
    path("<int:pk>/invitation/", backoffice.renew_invitation, name="renew_invitation"),
    path("<int:pk>/documents/<int:document_pk>/", backoffice.document, name="document"),
    path("territoires/", territories.territories, name="territories"),
    path("territoires/<int:pk>/fermer/", territories.close, name="close_territory"),
]
