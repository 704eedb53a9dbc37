from django.urls import path

from annuaire.applications.views import team

app_name = "equipe"

# Mounted at /espace/equipe/ (config/urls.py).
urlpatterns = [
    path("<int:structure_pk>/", team.team, name="team"),
]
