"""`GET /api/v1/suppressions`: harvesters see what left the directory, with the date and status."""

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from annuaire.accounts.access import actor_for
from annuaire.directory import publication
from annuaire.directory.enums import PublicationStatus
from annuaire.directory.publication import SYSTEM, Action
from tests.accounts.factories import regional_admin
from tests.directory.factories import OfferFactory, StructureFactory


def removals(client: Client, **params: str) -> list[dict[str, Any]]:
    response = client.get("/api/v1/suppressions", params)
    assert response.status_code == 200, response.content
    return list(response.json()["results"])


def test_it_lists_delisted_structures_with_their_offers_and_ended_offers(client: Client, db: Any) -> None:
    kept = OfferFactory(title="Toujours publiée")
    delisted = StructureFactory(name="Retirée")
    delisted_offer = OfferFactory(structure=delisted)
    ended = OfferFactory(title="Arrêtée")
    publication.transition(delisted, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    region = actor_for(regional_admin("53"))
    publication.transition(ended, Action.END, region, "L'activité s'arrête.")

    rows = removals(client)

    assert {(r["type"], r["id"], r["statut"]) for r in rows} == {
        ("structure", delisted.pk, PublicationStatus.DELISTED),
        ("offre", delisted_offer.pk, PublicationStatus.DELISTED),
        ("offre", ended.pk, PublicationStatus.ENDED),
    }
    assert kept.pk not in {r["id"] for r in rows if r["type"] == "offre"}
    assert all(r["date"] and r["uuid"] for r in rows)


def test_modifie_depuis_keeps_only_the_later_removals(client: Client, db: Any) -> None:
    structure = StructureFactory()
    publication.transition(structure, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    later = (timezone.now() + timedelta(minutes=1)).isoformat()
    earlier = (timezone.now() - timedelta(minutes=1)).isoformat()

    assert removals(client, modifie_depuis=later) == []
    assert [r["id"] for r in removals(client, modifie_depuis=earlier)] == [structure.pk]


def test_a_reinstated_offer_leaves_the_list_and_comes_back_in_the_incremental_sync(client: Client, db: Any) -> None:
    offer = OfferFactory()
    publication.transition(offer, Action.DELIST, SYSTEM, "Sans confirmation annuelle.")
    before = (timezone.now() - timedelta(seconds=1)).isoformat()
    publication.transition(offer, Action.REINSTATE, actor_for(regional_admin("53")), "Confirmée.")

    assert removals(client) == []
    synced = client.get("/api/v1/offres", {"modifie_depuis": before}).json()["results"]
    assert [o["id"] for o in synced] == [offer.pk]


def test_a_bad_date_is_a_400_in_french(client: Client, db: Any) -> None:
    response = client.get("/api/v1/suppressions", {"modifie_depuis": "hier"})
    assert response.status_code == 400
    assert "Date invalide" in response.json()["erreurs"]["modifie_depuis"][0]
