"""data·inclusion records say only what is true: contact modes, eligibility zones, types
and thématiques as the schema defines them, dates a UTC validator accepts."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from annuaire.directory.enums import Modality
from annuaire.directory.models import Offer
from annuaire.geo.models import Commune, Departement
from annuaire.interop.datainclusion import mapping
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, RENNES, commune
from tests.interop.conftest import validate_service

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/data-inclusion/services"


def services(client: Client) -> list[dict[str, Any]]:
    response = client.get(SERVICES)
    assert response.status_code == 200
    records: list[dict[str, Any]] = response.json()["results"]
    for record in records:
        validate_service(record)
    return records


def test_a_contact_mode_is_given_only_when_the_contact_exists(client: Client) -> None:
    no_contact = StructureFactory(phone="", email="")
    OfferFactory(title="Sans contact", structure=no_contact, contact_phone="", contact_email="")
    OfferFactory(title="Téléphone", structure=StructureFactory(email=""), contact_phone="02 98 00 00 00")
    # An address the schema refuses is dropped, and so is the mode that would use it.
    OfferFactory(
        title="Adresse refusée", structure=StructureFactory(phone="", email="accueil@structure.demo-sos.invalid")
    )

    by_name = {r["nom"]: r for r in services(client)}

    assert by_name["Sans contact"]["modes_mobilisation"] is None
    assert by_name["Téléphone"]["modes_mobilisation"] == ["telephoner"]
    assert by_name["Adresse refusée"]["courriel"] is None
    assert by_name["Adresse refusée"]["modes_mobilisation"] is None
    assert all(
        ("envoyer-un-courriel" in (r["modes_mobilisation"] or [])) == bool(r["courriel"]) for r in by_name.values()
    )


def test_the_eligibility_zone_follows_the_reach_of_the_offer(client: Client) -> None:
    quimper_structure = StructureFactory(commune=commune(QUIMPER))
    OfferFactory(title="À distance", structure=quimper_structure, modalities=[Modality.REMOTE])
    OfferFactory(title="Sur place", structure=quimper_structure, modalities=[Modality.ON_SITE])
    regional = StructureFactory(commune=commune(RENNES))
    OfferFactory(
        title="Régionale",
        structure=regional,
        places=[PlaceFactory(structure=regional), PlaceFactory(structure=regional, commune=commune(BREST))],
    )

    zones = {r["nom"]: r["zone_eligibilite"] for r in services(client)}

    assert zones["À distance"] == ["29"]
    brittany = sorted(Departement.objects.filter(region_id="53").values_list("code", flat=True))
    assert zones["Régionale"] == brittany == ["22", "29", "35", "56"]
    around_quimper = zones["Sur place"]
    assert QUIMPER in around_quimper and BREST not in around_quimper  # Brest is 60 km away
    assert set(around_quimper) <= set(Commune.objects.filter(departement_id="29").values_list("code", flat=True))
    assert len(around_quimper) > 5


def test_types_and_thematiques_follow_the_schema_definitions(client: Client) -> None:
    assert mapping.type_service(["yoga"], ["collectif"]) is None
    assert mapping.type_service(["retour-au-travail"], ["collectif"]) == "atelier"
    assert mapping.type_service(["maintien-dans-emploi"], ["individuel"]) == "accompagnement"
    assert mapping.type_service(["eri-documentation"], []) == "information"
    assert "equipement-et-alimentation--alimentation" not in mapping.thematiques(
        "nutrition", ["ateliers-nutrition-cuisine"]
    )
    social_worker = mapping.thematiques("social", ["consultation-assistant-service-social"])
    assert "sante--constituer-un-dossier-mdph-invalidite" in social_worker
    assert "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives" in social_worker


def test_date_maj_is_the_utc_day_of_the_change_never_after_today_in_utc(client: Client) -> None:
    offer = OfferFactory()
    # 23:30 UTC is already tomorrow in Paris: the record must still say today (UTC).
    late_evening = datetime.now(UTC).replace(hour=23, minute=30, second=0, microsecond=0)
    Offer.objects.filter(pk=offer.pk).update(updated_at=late_evening - timedelta(days=1))
    place = offer.places.get()
    type(place).objects.filter(pk=place.pk).update(updated_at=late_evening - timedelta(days=1))

    [record] = services(client)

    assert record["date_maj"] == (late_evening - timedelta(days=1)).date().isoformat()
    assert mapping._date(datetime.now(UTC) + timedelta(hours=3)) <= datetime.now(UTC).date()


def test_structured_opening_hours_are_exported_in_openstreetmap_format(client: Client) -> None:
    OfferFactory(title="Avec horaires", opening_hours="Mo,Tu,We,Th,Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00")
    OfferFactory(title="Sans horaires", opening_hours="", schedule="Le mardi après-midi")

    by_name = {r["nom"]: r for r in services(client)}

    assert by_name["Avec horaires"]["horaires_accueil"] == "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00"
    assert by_name["Sans horaires"]["horaires_accueil"] is None
    assert "Le mardi après-midi" in by_name["Sans horaires"]["mobilisation_precisions"]
