from django.urls import path

from annuaire.www.views import autocomplete, orientation, pages, search

app_name = "www"

urlpatterns = [
    path("", search.search, name="search"),
    path("communes/suggestions/", autocomplete.commune_suggestions, name="commune_suggestions"),
    path("offres/<int:pk>-<slug:slug>/", pages.offer_detail, name="offer"),
    path("structures/<int:pk>-<slug:slug>/", pages.structure_detail, name="structure"),
    path("soins-de-support/", pages.about_sos, name="about_sos"),
    path("a-propos/", pages.about_directory, name="about_directory"),
    path("fiche-orientation/", orientation.orientation_sheet, name="orientation_sheet"),
    path("fiche-orientation/ajouter/", orientation.add_to_selection, name="selection_add"),
    path("fiche-orientation/retirer/", orientation.remove_from_selection, name="selection_remove"),
    path("fiche-orientation/vider/", orientation.clear_selection, name="selection_clear"),
    path("favicon.ico", pages.favicon, name="favicon"),
]
