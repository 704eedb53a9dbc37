"""Structures edit themselves, their places and their offers; listings end and return
(included by annuaire/espace/urls.py, names in the `espace` namespace)."""

from django.urls import path

from annuaire.espace.views import audit, listing, offers_edit, places, structure_edit

urlpatterns = [
    path("structures/", structure_edit.structure_list, name="structures"),
    path("structures/<int:pk>/", structure_edit.structure_detail, name="structure"),
    path("structures/<int:pk>/modifier/", structure_edit.structure_edit, name="structure_edit"),
    path("structures/<int:pk>/referencement/", listing.structure_status, name="structure_status"),
    path("structures/<int:structure_pk>/lieux/nouveau/", places.place_create, name="place_create"),
    path("lieux/<int:pk>/modifier/", places.place_edit, name="place_edit"),
    path("structures/<int:structure_pk>/offres/nouvelle/", offers_edit.offer_create, name="offer_create"),
    path("offres/<int:pk>/modifier/", offers_edit.offer_edit, name="offer_edit"),
    path("offres/<int:pk>/etat/", listing.offer_status, name="offer_status"),
    path("historique/", audit.audit, name="audit"),
]
