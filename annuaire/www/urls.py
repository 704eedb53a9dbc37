from django.urls import path

from annuaire.www import views

app_name = "www"

urlpatterns = [
    path("", views.search, name="search"),
    path("offres/<int:pk>-<slug:slug>/", views.offer_detail, name="offer"),
    path("structures/<int:pk>-<slug:slug>/", views.structure_detail, name="structure"),
]
