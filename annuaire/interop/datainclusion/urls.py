from django.urls import path

from annuaire.interop.datainclusion import views

app_name = "datainclusion"

urlpatterns = [
    path("structures", views.structures, name="structures"),
    path("services", views.services, name="services"),
]
