from django.urls import path

from annuaire.interop.datainclusion import views

app_name = "datainclusion"

urlpatterns = [
    path("structures", views.StructuresView.as_view(), name="structures"),
    path("services", views.ServicesView.as_view(), name="services"),
]
