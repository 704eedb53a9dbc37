from django.urls import path

from annuaire.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:filename>", views.download, name="download"),
]
