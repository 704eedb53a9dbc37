from django.urls import path

from annuaire.www.views import autocomplete, needs, orientation, pages, search

app_name = "www"

urlpatterns = [
    path("", search.search, name="search"),
    path("communes/suggestions/", autocomplete.commune_suggestions, name="commune_suggestions"),
    path("offres/<int:pk>-<slug:slug>/", pages.offer_detail, name="offer"),
    path("structures/<int:pk>-<slug:slug>/", pages.structure_detail, name="structure"),
    path("soins-de-support/", pages.about_sos, name="about_sos"),
    path("a-propos/", pages.about_directory, name="about_directory"),
    path("accessibilite/", pages.accessibility, name="accessibility"),
    path("fiche-orientation/", orientation.orientation_sheet, name="orientation_sheet"),
    path("fiche-orientation/ajouter/", orientation.add_to_selection, name="selection_add"),
    path("fiche-orientation/retirer/", orientation.remove_from_selection, name="selection_remove"),
    path("fiche-orientation/vider/", orientation.clear_selection, name="selection_clear"),
    path("favicon.ico", pages.favicon, name="favicon"),
    path("donnees-personnelles/", pages.privacy, name="privacy"),
    path("mes-besoins/", needs.questionnaire, name="needs"),
    path("mes-besoins/resultat/", needs.result, name="needs_result"),
    path("mes-besoins/a-imprimer/", needs.print_sheet, name="needs_print"),
    path("mes-besoins/professionnel/", needs.questionnaire, {"professional": True}, name="needs_professional"),
    path("mes-besoins/professionnel/resultat/", needs.result, {"professional": True}, name="needs_professional_result"),
]
