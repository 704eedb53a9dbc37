"""Structures enter and edit their offers in the back office; the domain decides."""

from typing import Any

import pytest
from django.contrib.auth.models import User

from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Offer, Place, PublicationEvent, Structure
from tests.accounts.factories import referent
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.espace.conftest import client_for
from tests.espace.editing import data_of, new_offer_data, rows_data
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure() -> Structure:
    return StructureFactory(name="Association de Quimper", commune=commune(QUIMPER), postal_code="29000")


@pytest.fixture
def place(structure: Structure) -> Place:
    return PlaceFactory(structure=structure, name="Maison des associations")


@pytest.fixture
def user(structure: Structure) -> User:
    return referent(structure)


def create(user: User, structure: Structure, data: dict[str, Any]) -> Any:
    return client_for(user).post(f"/espace/structures/{structure.pk}/offres/nouvelle/", data, follow=True)


def test_a_referent_enters_an_offer_with_structured_opening_hours_saved_as_openstreetmap(
    user: User, structure: Structure, place: Place
) -> None:
    create(
        user,
        structure,
        new_offer_data(
            place, **rows_data([("Mo", "09:00", "12:00"), ("We", "09:00", "12:00"), ("Mo", "14:00", "17:00")])
        ),
    )
    offer = Offer.objects.get(structure=structure)
    assert offer.status == S.DRAFT
    assert offer.opening_hours == "Mo 09:00-12:00,14:00-17:00; We 09:00-12:00"
    assert list(offer.places.all()) == [place] and offer.appointment_delay_days == 15
    page = client_for(user).get(f"/espace/offres/{offer.pk}/modifier/").content.decode()
    assert 'value="14:00"' in page  # the rows are read back from the OSM text


def test_saving_and_submitting_sends_the_offer_to_territorial_review_with_its_journal(
    user: User, structure: Structure, place: Place
) -> None:
    page = create(user, structure, new_offer_data(place, enregistrer="soumettre")).content.decode()
    offer = Offer.objects.get(structure=structure)
    assert offer.status == S.TERRITORIAL_REVIEW
    assert [e.action for e in PublicationEvent.objects.for_offer(offer.pk)] == ["soumettre"]
    assert "envoyée en validation territoriale" in page


def test_bad_opening_hours_get_a_french_message_and_nothing_is_saved(
    user: User, structure: Structure, place: Place
) -> None:
    response = create(
        user, structure, new_offer_data(place, **rows_data([("Tu", "17:00", "09:00"), ("Fr", "10:00", "")]))
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Offer.objects.filter(structure=structure).exists()
    assert "Rien n'est enregistré" in page
    assert "Indiquez le jour, l&#x27;heure d&#x27;ouverture et l&#x27;heure de fermeture." in page


def test_overlapping_rows_are_refused_by_the_opening_hours_module(
    user: User, structure: Structure, place: Place
) -> None:
    page = create(
        user, structure, new_offer_data(place, **rows_data([("Mo", "09:00", "12:00"), ("Mo", "11:00", "13:00")]))
    )
    assert "deux plages horaires se chevauchent" in page.content.decode()
    assert not Offer.objects.exists()


def test_errors_are_linked_to_their_fields(user: User, structure: Structure, place: Place) -> None:
    page = create(user, structure, new_offer_data(place, subcategories=[], title="")).content.decode()
    assert "Choisissez au moins un soin proposé." in page
    assert 'href="#id_subcategories"' in page and 'aria-describedby="id_subcategories_error"' in page
    assert 'aria-invalid="true"' in page and 'id="id_title_error"' in page


def test_the_back_office_refuses_reflexology_at_an_ordinary_association(
    user: User, structure: Structure, place: Place
) -> None:
    data = new_offer_data(place, care="reflexologie", title="Réflexologie plantaire", practitioner_qualification="DU")
    page = create(user, structure, {**data, "enregistrer": "soumettre"}).content.decode()
    assert "Une pratique non conventionnelle ne peut être référencée" in page
    assert not Offer.objects.filter(structure=structure).exists()


def test_a_recognised_framework_may_enter_reflexology_with_the_qualification(place: Place) -> None:
    ligue = StructureFactory(commune=commune(QUIMPER), kind=StructureKind.LIGUE)
    ligue_place = PlaceFactory(structure=ligue)
    data = new_offer_data(ligue_place, care="reflexologie", practitioner_qualification="Réflexologue certifiée")
    create(referent(ligue), ligue, data)
    assert Offer.objects.get(structure=ligue).practitioner_qualification == "Réflexologue certifiée"


def test_the_form_shows_who_may_deliver_each_care_and_the_psnc_rule(user: User, structure: Structure) -> None:
    page = client_for(user).get(f"/espace/structures/{structure.pk}/offres/nouvelle/").content.decode()
    assert "Peuvent le délivrer" in page and "Psychologue" in page
    assert "(pratique non conventionnelle)" in page and "Qualification du praticien obligatoire" in page
    assert "jamais prise en charge par l'Assurance maladie" in page


def test_places_of_another_structure_cannot_be_chosen(user: User, structure: Structure, place: Place) -> None:
    elsewhere = PlaceFactory()
    page = create(user, structure, new_offer_data(place, places=[elsewhere.pk])).content.decode()
    assert "Sélectionnez un choix valide" in page and not Offer.objects.filter(structure=structure).exists()


@pytest.fixture
def published(structure: Structure, place: Place) -> Offer:
    offer = OfferFactory(structure=structure, title="Soutien psychologique", contact_phone="02 98 11 11 11")
    offer.places.set([place])
    return offer


def test_a_published_offer_takes_a_phone_correction_at_once(user: User, published: Offer) -> None:
    client_for(user).post(
        f"/espace/offres/{published.pk}/modifier/", data_of(published, contact_phone="02 98 22 22 22")
    )
    published.refresh_from_db()
    assert published.contact_phone == "02 98 22 22 22" and published.is_published
    assert not Offer.objects.filter(revision_of=published).exists()


def test_a_change_of_substance_goes_to_review_while_the_published_version_stays(user: User, published: Offer) -> None:
    data = data_of(published, description="Une toute nouvelle description des entretiens.", enregistrer="soumettre")
    page = client_for(user).post(f"/espace/offres/{published.pk}/modifier/", data, follow=True).content.decode()
    published.refresh_from_db()
    revision = Offer.objects.get(revision_of=published)
    assert revision.status == S.TERRITORIAL_REVIEW and revision.description.startswith("Une toute nouvelle")
    assert published.is_published and published.description == "Des entretiens pour parler de ce que vous vivez."
    assert "la version publiée reste visible" in page


def test_an_offer_in_review_is_not_edited_until_taken_back(user: User, structure: Structure) -> None:
    offer = OfferFactory(structure=structure, status=S.TERRITORIAL_REVIEW)
    client = client_for(user)
    page = client.get(f"/espace/offres/{offer.pk}/modifier/", follow=True).content.decode()
    assert "reprenez-la en brouillon" in page
    client.post(f"/espace/offres/{offer.pk}/etat/", {"action": "reprendre"})
    assert Offer.objects.get(pk=offer.pk).status == S.DRAFT
    assert client.get(f"/espace/offres/{offer.pk}/modifier/").status_code == 200


def test_the_referent_sees_each_status_and_the_reviewers_comment_when_sent_back(
    user: User, structure: Structure, people_of_quimper: dict[str, Any]
) -> None:
    from annuaire.directory import publication

    offer = OfferFactory(structure=structure, status=S.TERRITORIAL_REVIEW, title="Yoga doux")
    publication.transition(offer, publication.Action.SEND_BACK, people_of_quimper["dac"], "Précisez les horaires.")
    OfferFactory(structure=structure, title="Sophrologie en groupe", subcategory_codes=["consultation-psychologue"])
    page = client_for(user).get(f"/espace/structures/{structure.pk}/").content.decode()
    assert "Renvoyée pour correction" in page and "« Précisez les horaires. »" in page
    assert "Publiée" in page
    edit = client_for(user).get(f"/espace/offres/{offer.pk}/modifier/").content.decode()
    assert "Précisez les horaires." in edit


@pytest.fixture
def people_of_quimper() -> dict[str, Any]:
    from annuaire.accounts.access import actor_for
    from annuaire.accounts.models import RoleKind
    from tests.accounts.factories import coordinator

    return {"dac": actor_for(coordinator(RoleKind.COORDINATOR_DAC, departements="29"))}


def test_the_structure_page_keeps_a_constant_number_of_queries(
    user: User, structure: Structure, place: Place, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        OfferFactory(structure=structure, title=f"Offre {n}")
    client = client_for(user)
    client.get(f"/espace/structures/{structure.pk}/")
    with django_assert_max_num_queries(14):
        client.get(f"/espace/structures/{structure.pk}/")
