"""Free text in the public search: the words people type, found through the database's own
index (annuaire/directory/fulltext.py), on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from annuaire.accounts.access import actor_for
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.fulltext import FTS_TABLE, repair_sqlite_triggers
from annuaire.directory.models import Offer
from annuaire.directory.publication import Action
from annuaire.directory.search import SearchCriteria
from tests.accounts.factories import referent, regional_admin, walk_to_publication
from tests.directory.factories import OfferFactory, StructureFactory
from tests.taxonomy.factories import subcategory

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [offer.title for offer in Offer.objects.search(SearchCriteria(text=text))]


def test_words_are_found_whatever_accents_case_and_apostrophes() -> None:
    OfferFactory(title="Atelier d'art-thérapie")
    OfferFactory(title="Yoga doux")
    assert found("ART THERAPIE") == ["Atelier d'art-thérapie"]
    assert found("thérapie") == found("therapie") == found("Thérapie") == ["Atelier d'art-thérapie"]
    assert found("d'art") == ["Atelier d'art-thérapie"]


def test_a_word_is_found_at_the_start_or_inside_a_longer_word() -> None:
    OfferFactory(title="Psychothérapie de groupe")
    OfferFactory(title="Ateliers de sophrologie", subcategory_codes=["sophrologie"])
    assert found("psycho") == ["Psychothérapie de groupe"]  # a prefix
    assert found("therapie") == ["Psychothérapie de groupe"]  # the end of a word
    assert found("atelier") == ["Ateliers de sophrologie"]  # the singular finds the plural
    assert found("sophro") == ["Ateliers de sophrologie"]


def test_every_word_must_be_found_somewhere_in_the_offer() -> None:
    structure = StructureFactory(name="Espace Ligue de Vannes")
    OfferFactory(title="Yoga adapté", structure=structure)
    OfferFactory(title="Yoga sur chaise")
    OfferFactory(title="Sophrologie", structure=structure)
    assert found("yoga vannes") == ["Yoga adapté"]
    assert found("vannes yoga") == ["Yoga adapté"]
    assert found("yoga") == ["Yoga adapté", "Yoga sur chaise"]
    assert found("yoga pilates") == []


def test_words_of_one_or_two_letters_still_count() -> None:
    OfferFactory(title="Qi gong")
    OfferFactory(title="Tai-chi")
    assert found("qi") == ["Qi gong"]
    assert found("qi gong") == ["Qi gong"]
    assert found("tai chi qi") == []


def test_the_sub_categories_the_category_and_the_structure_are_searched_too() -> None:
    OfferFactory(
        title="Consultations", structure=StructureFactory(name="Maison Kerlann"), subcategory_codes=["sophrologie"]
    )
    OfferFactory(title="Autre chose", subcategory_codes=["consultation-psychologue"])
    assert found("kerlann") == ["Consultations"]
    assert found("sophrologie") == ["Consultations"]


def test_search_syntax_characters_are_plain_text() -> None:
    structure = StructureFactory(name="Centre Ouest")
    OfferFactory(title="Pris en charge à 100%", structure=structure)
    OfferFactory(title="Forfait 1000 euros", structure=structure)
    OfferFactory(title="Yoga", structure=structure)
    assert found("100%") == ["Pris en charge à 100%"]
    assert found("100") == ["Forfait 1000 euros", "Pris en charge à 100%"]
    assert found("%") == ["Pris en charge à 100%"]  # a character, not a wildcard
    assert found('"yoga"') == found("(yoga)") == ["Yoga"]  # quotes and brackets separate words
    for text in ["yoga*", "yoga OR pilates", "yoga NOT euros", "^yoga", "_0", "1%0"]:
        assert found(text) == [], text


def test_an_edited_offer_is_found_by_its_new_words_only() -> None:
    offer = OfferFactory(title="Marche nordique")
    offer.title = "Randonnée douce"
    offer.save()
    assert found("nordique") == []
    assert found("randonnee") == ["Randonnée douce"]
    offer.subcategories.set([subcategory("sophrologie")])  # `m2m_changed` refreshes with `update()`
    assert found("sophrologie") == ["Randonnée douce"]


def test_an_offer_is_found_once_published_and_no_more_once_withdrawn() -> None:
    offer = OfferFactory(title="Socio-esthétique", status=PublicationStatus.DRAFT)
    assert found("esthetique") == []
    walk_to_publication(offer)
    assert found("esthetique") == ["Socio-esthétique"]
    publication.transition(offer, Action.DELIST, actor_for(regional_admin()), "Offre arrêtée.")
    assert found("esthetique") == []


def test_a_reviewed_change_is_found_once_approved_and_the_working_copy_never() -> None:
    offer = OfferFactory(title="Consultations de psychologue", description="Entretiens individuels.")
    editor = actor_for(referent(offer.structure))
    revision = publication.propose_changes(offer, {"description": "Groupes de parole le jeudi."}, editor)
    assert revision is not None
    assert found("jeudi") == []  # the working copy is indexed but never public
    assert found("individuels") == ["Consultations de psychologue"]
    walk_to_publication(revision)
    assert found("jeudi") == ["Consultations de psychologue"]
    assert found("individuels") == []


def test_offers_written_in_bulk_or_deleted_follow_in_the_index() -> None:
    template = OfferFactory(title="Modèle")
    subcategories, places = list(template.subcategories.all()), list(template.places.all())
    copies = [
        Offer(structure=template.structure, category=template.category, title=f"Balnéothérapie {n}") for n in range(3)
    ]
    for copy in copies:
        copy.search_text = copy.build_search_text(subcategories)
    # As the demo seeding does: rows and links in bulk, no save(), no signal.
    Offer.objects.bulk_create(copies)
    Offer.subcategories.through.objects.bulk_create(
        Offer.subcategories.through(offer=copy, subcategory=sub) for copy in copies for sub in subcategories
    )
    Offer.places.through.objects.bulk_create(
        Offer.places.through(offer=copy, place=p) for copy in copies for p in places
    )
    for copy in copies:
        walk_to_publication(copy)  # a status change leaves the search text, and its index, alone
    assert found("balneo") == ["Balnéothérapie 0", "Balnéothérapie 1", "Balnéothérapie 2"]
    Offer.objects.filter(title="Balnéothérapie 1").update(search_text="aquagym")
    Offer.objects.filter(title="Balnéothérapie 2").delete()
    assert found("balneo") == ["Balnéothérapie 0"]
    assert found("aquagym") == ["Balnéothérapie 1"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite copies a table to alter it; PostgreSQL does not")
def test_the_sqlite_index_triggers_come_back_after_a_migration_copied_the_table() -> None:
    with connection.cursor() as cursor:
        for event in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER {FTS_TABLE}_{event}")
    OfferFactory(title="Hypnose")  # written while the triggers are missing
    assert repair_sqlite_triggers(connection) is True
    assert found("hypnose") == ["Hypnose"]
    assert repair_sqlite_triggers(connection) is False
    OfferFactory(title="Shiatsu")
    assert found("shiatsu") == ["Shiatsu"]
