"""The regional administrator edits the mapping in the admin."""

import pytest
from django.contrib.auth.models import User

from annuaire.needs.models import Theme
from annuaire.taxonomy.models import SubCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_admin(client):
    client.force_login(User.objects.create_superuser("admin-reseau", "admin@example.org", "x"))
    return client


def test_the_administrator_sees_the_themes_and_the_questions(network_admin) -> None:
    assert "La fatigue" in network_admin.get("/admin/needs/theme/").content.decode()
    assert "Avez-vous du mal à dormir ?" in network_admin.get("/admin/needs/question/").content.decode()


def test_the_administrator_changes_the_care_of_a_theme_and_the_results_follow(network_admin) -> None:
    theme = Theme.objects.get(code="sommeil")
    yoga = SubCategory.objects.get(code="yoga")
    page = network_admin.get(f"/admin/needs/theme/{theme.pk}/change/")
    assert page.status_code == 200
    data = {
        "code": "sommeil",
        "label": "Le sommeil",
        "what_helps": "Le yoga aide à dormir.",
        "order": "60",
        "subcategories": [str(yoga.pk)],
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }
    response = network_admin.post(f"/admin/needs/theme/{theme.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = network_admin.get("/mes-besoins/resultat/?moment=apres&sommeil=beaucoup").content.decode()
    assert "Le yoga aide à dormir." in html
    assert "sous_categorie=yoga" in html
