"""Abbreviations spelt out once per page; kinds of care in plain words."""

import pytest
from django.test import Client
from django.utils.html import escape
from django.utils.safestring import SafeString

from annuaire.www.glossary import explain, lower_first
from tests.directory.factories import OfferFactory, StructureFactory

pytestmark = pytest.mark.django_db


class FakeRequest:
    pass


def test_an_abbreviation_is_spelt_out_at_its_first_use_only() -> None:
    request = FakeRequest()
    first = explain("Séances d'APA", request)  # type: ignore[arg-type]
    again = explain("APA en groupe", request)  # type: ignore[arg-type]
    assert first == 'Séances d&#x27;<abbr title="activité physique adaptée">APA</abbr> (activité physique adaptée)'
    assert again == '<abbr title="activité physique adaptée">APA</abbr> en groupe'


def test_a_text_without_abbreviation_is_only_escaped_as_django_escapes() -> None:
    text = 'Yoga & sophrologie <l\'après-midi> "doux"'
    html = explain(text, FakeRequest())  # type: ignore[arg-type]
    assert html == escape(text) == "Yoga &amp; sophrologie &lt;l&#x27;après-midi&gt; &quot;doux&quot;"
    assert isinstance(html, SafeString)


def test_an_abbreviation_already_spelt_out_is_only_marked_up() -> None:
    html = explain("Activité physique adaptée (APA)", FakeRequest())  # type: ignore[arg-type]
    assert html == 'Activité physique adaptée (<abbr title="activité physique adaptée">APA</abbr>)'


def test_lowercasing_a_label_keeps_its_abbreviations() -> None:
    assert lower_first("Activité physique adaptée (APA)") == "activité physique adaptée (APA)"
    assert lower_first("HAD du Pays de Brest") == "HAD du Pays de Brest"


def test_the_page_about_supportive_care_never_prints_a_lowercased_abbreviation(client: Client) -> None:
    html = client.get("/soins-de-support/").content.decode()
    for wrong in ["(apa)", "(had)", "(eri)", "(etp)"]:
        assert wrong not in html, wrong


def test_a_result_card_spells_out_an_abbreviation_in_a_structure_name(client: Client) -> None:
    OfferFactory(structure=StructureFactory(name="HAD du Pays de Cornouaille"))
    html = client.get("/", {"categorie": ""}).content.decode()
    assert '<abbr title="hospitalisation à domicile">HAD</abbr> (hospitalisation à domicile) du Pays' in html
