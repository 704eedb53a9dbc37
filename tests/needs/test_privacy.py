"""Privacy by construction: a whole run of "Faire le point" writes nothing on the server."""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from tests.directory.factories import OfferFactory, StructureFactory
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db

EVERY_ANSWER = {"moment": "pendant", "fatigue-pendant": "beaucoup", "argent": "un-peu", "sommeil": "pas-du-tout"}


def row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def whole_run() -> list[str]:
    """Every page of a patient's and a professional's run, with good and bad input."""
    answers = urlencode(EVERY_ANSWER)
    near = urlencode({**EVERY_ANSWER, "commune": "Quimper", "rayon": "30"})
    return [
        "/mes-besoins/",
        "/mes-besoins/?moment=pendant",
        "/mes-besoins/?moment=apres",
        f"/mes-besoins/resultat/?{answers}",
        f"/mes-besoins/resultat/?{near}",
        f"/mes-besoins/?{near}",
        f"/mes-besoins/a-imprimer/?{near}",
        "/mes-besoins/resultat/?moment=demain",
        "/mes-besoins/resultat/?moment=apres&fatigue-apres=%00&commune=%00",
        "/mes-besoins/professionnel/",
        "/mes-besoins/professionnel/?moment=apres",
        f"/mes-besoins/professionnel/resultat/?{near}",
        "/donnees-personnelles/",
    ]


def test_a_whole_run_writes_no_row_in_any_table_and_sets_no_cookie(client) -> None:
    OfferFactory(
        subcategory_codes=["consultation-assistant-service-social"],
        structure=StructureFactory(commune=commune(QUIMPER)),
    )
    before = row_counts()
    for path in whole_run():
        response = client.get(path)
        assert response.status_code in (200, 400), path
        assert not response.cookies, f"{path} sets a cookie: {response.cookies}"
    assert row_counts() == before
    assert Session.objects.count() == 0
    assert not client.cookies


def test_every_form_of_the_run_sends_its_answers_by_get_and_none_posts(client) -> None:
    for path in whole_run():
        html = client.get(path).content.decode()
        methods = re.findall(r"<form\b[^>]*\bmethod=\"(\w+)\"", html)
        assert all(method == "get" for method in methods), path
        assert html.count("<form") == len(methods), f"{path}: a form without an explicit GET method"


def test_the_pages_load_no_third_party_script_nor_analytics(client) -> None:
    for path in whole_run():
        html = client.get(path).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert all(re.search(r'src="/static/js/[\w-]+\.js"', tag) for tag in scripts), (path, scripts)
        assert not re.search(r"analytics|matomo|piwik|gtag|plausible|xiti", html, re.IGNORECASE), path


def test_the_privacy_page_says_the_answers_are_never_stored(client) -> None:
    html = client.get("/donnees-personnelles/").content.decode()
    assert "vos réponses ne sont <strong>jamais enregistrées</strong>" in html
    assert "aucun cookie" in html
