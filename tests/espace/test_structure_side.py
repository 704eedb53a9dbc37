"""A structure edits its details and places; it may leave the directory, and the region
suspends, ends or reinstates a listing, always with a written reason."""

import pytest
from django.contrib.auth.models import User

from annuaire.directory.enums import PublicationStatus as S
from annuaire.directory.enums import StructureKind
from annuaire.directory.models import Offer, Place, PublicationEvent, Structure
from tests.accounts.factories import referent, regional_admin, with_totp
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.espace.conftest import client_for
from tests.geo.factories import QUIMPER, commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure() -> Structure:
    return StructureFactory(name="Association de Quimper", commune=commune(QUIMPER), postal_code="29000")


@pytest.fixture
def user(structure: Structure) -> User:
    return referent(structure)


def test_a_referent_edits_the_public_details_but_not_what_decides_the_rules(user: User, structure: Structure) -> None:
    data = {
        "description": "Nous accompagnons les personnes malades.",
        "phone": "02 98 33 33 33",
        "postal_code": "29000",
    }
    data |= {"name": "Autre nom", "kind": StructureKind.LIGUE, "is_recognised_association": "on"}
    response = client_for(user).post(f"/espace/structures/{structure.pk}/modifier/", data)
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.description == "Nous accompagnons les personnes malades." and structure.phone == "02 98 33 33 33"
    assert structure.name == "Association de Quimper" and structure.kind == StructureKind.ASSOCIATION
    assert not structure.is_recognised_association


def test_a_bad_e_mail_is_refused_in_french_and_nothing_changes(user: User, structure: Structure) -> None:
    page = client_for(user).post(f"/espace/structures/{structure.pk}/modifier/", {"email": "pas-une-adresse"})
    assert "Saisissez une adresse e-mail valide." in page.content.decode()
    assert Structure.objects.get(pk=structure.pk).email == structure.email


def test_a_referent_adds_a_place_found_by_its_commune_name(user: User, structure: Structure) -> None:
    data = {
        "name": "Antenne de Brest",
        "address_line": "3 rue de Siam",
        "postal_code": "29200",
        "commune_name": "brest",
    }
    data["wheelchair_accessible"] = "true"
    client_for(user).post(f"/espace/structures/{structure.pk}/lieux/nouveau/", data)
    place = Place.objects.get(structure=structure, name="Antenne de Brest")
    assert place.commune.name == "Brest" and place.wheelchair_accessible is True and place.lat is not None


def test_an_unknown_commune_gets_a_french_message(user: User, structure: Structure) -> None:
    data = {"name": "Antenne", "postal_code": "29200", "commune_name": "Atlantide"}
    page = client_for(user).post(f"/espace/structures/{structure.pk}/lieux/nouveau/", data).content.decode()
    assert "Aucune commune « Atlantide » avec le code postal 29200" in page
    assert not Place.objects.filter(name="Antenne").exists()


def test_moving_a_place_moves_its_map_position(user: User, structure: Structure) -> None:
    place = PlaceFactory(structure=structure)
    data = {"name": place.name, "postal_code": "29200", "commune_name": "Brest"}
    client_for(user).post(f"/espace/lieux/{place.pk}/modifier/", data)
    place.refresh_from_db()
    brest = commune("29019")
    assert place.commune == brest and (place.lat, place.lng) == (brest.lat, brest.lng)


def test_a_structure_leaves_with_its_reason_and_everything_is_hidden_never_deleted(
    user: User, structure: Structure
) -> None:
    offer = OfferFactory(structure=structure)
    client = client_for(user)
    page = client.post(f"/espace/structures/{structure.pk}/referencement/", {"action": "quitter"}, follow=True)
    assert "Écrivez un commentaire" in page.content.decode()
    assert Structure.objects.get(pk=structure.pk).status == S.PUBLISHED
    client.post(
        f"/espace/structures/{structure.pk}/referencement/", {"action": "quitter", "motif": "Fin de l'activité."}
    )
    structure.refresh_from_db()
    assert structure.status == S.ENDED and not Offer.objects.published().filter(pk=offer.pk).exists()
    assert Offer.objects.filter(pk=offer.pk).exists()
    event = PublicationEvent.objects.for_structure(structure.pk).last()
    assert event.action == "quitter" and event.comment == "Fin de l'activité." and event.actor == user


def test_the_region_suspends_then_reinstates_a_listing_with_written_reasons(structure: Structure) -> None:
    offer = OfferFactory(structure=structure)
    region = client_for(with_totp(regional_admin("53")))
    url = f"/espace/structures/{structure.pk}/referencement/"
    page = region.get(f"/espace/structures/{structure.pk}/").content.decode()
    assert "Suspendre le référencement" in page and "Quitter l&#x27;annuaire" not in page
    region.post(url, {"action": "suspendre", "motif": "Décision du comité d'éthique du 12 novembre."})
    assert Structure.objects.get(pk=structure.pk).status == S.SUSPENDED
    assert not Offer.objects.published().filter(pk=offer.pk).exists()
    region.post(url, {"action": "retablir", "motif": "Levée de la suspension."})
    assert Offer.objects.published().filter(pk=offer.pk).exists()


def test_a_referent_cannot_suspend_or_reinstate(user: User, structure: Structure) -> None:
    client = client_for(user)
    page = client.post(
        f"/espace/structures/{structure.pk}/referencement/", {"action": "suspendre", "motif": "non"}, follow=True
    ).content.decode()
    assert "pas le rôle ou le territoire" in page
    assert Structure.objects.get(pk=structure.pk).status == S.PUBLISHED


def test_a_referent_ends_one_offer_with_a_reason(user: User, structure: Structure) -> None:
    offer = OfferFactory(structure=structure)
    client_for(user).post(f"/espace/offres/{offer.pk}/etat/", {"action": "terminer", "motif": "Plus de praticien."})
    assert Offer.objects.get(pk=offer.pk).status == S.ENDED


def test_pending_changes_can_be_dropped_and_the_published_offer_stays(user: User, structure: Structure) -> None:
    from annuaire.accounts.access import actor_for
    from annuaire.directory import publication

    offer = OfferFactory(structure=structure)
    revision = publication.start_revision(offer, actor_for(user))
    client_for(user).post(f"/espace/offres/{revision.pk}/etat/", {"action": "abandonner"})
    assert not Offer.objects.filter(pk=revision.pk).exists() and Offer.objects.get(pk=offer.pk).is_published


def test_the_structure_list_shows_only_mine(user: User, structure: Structure) -> None:
    StructureFactory(name="Ailleurs")
    page = client_for(user).get("/espace/structures/").content.decode()
    assert "Association de Quimper" in page and "Ailleurs" not in page


def test_reviewers_decide_on_the_review_screen_not_from_the_structure_page(structure: Structure) -> None:
    from annuaire.accounts.models import RoleKind
    from tests.accounts.factories import coordinator

    offer = OfferFactory(structure=structure, status=S.TERRITORIAL_REVIEW, title="Yoga doux")
    dac = client_for(with_totp(coordinator(RoleKind.COORDINATOR_DAC, departements="29")))
    page = dac.get(f"/espace/structures/{structure.pk}/").content.decode()
    assert "Valider (niveau territorial)" not in page and f"/espace/offres/{offer.pk}/" in page
    dac.post(f"/espace/offres/{offer.pk}/etat/", {"action": "valider-territoire"})
    assert Offer.objects.get(pk=offer.pk).status == S.TERRITORIAL_REVIEW
