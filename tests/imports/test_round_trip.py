"""Round trip: the published directory, exported in the import format and imported into an
empty directory, gives back the same published content."""

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from annuaire.accounts.access import actor_for
from annuaire.core.identifiers import finess_with_key
from annuaire.directory import publication
from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    PublicationStatus,
    StructureKind,
)
from annuaire.directory.models import Offer, Place, Structure
from annuaire.geo.models import Commune
from annuaire.taxonomy.models import SubCategory
from tests.accounts.factories import regional_admin
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.geo.factories import BREST, QUIMPER, SAINT_BRIEUC, VANNES, commune

pytestmark = pytest.mark.django_db


def published_directory() -> None:
    ligue = StructureFactory(
        name="Ligue contre le cancer – Comité 29",
        kind=StructureKind.LIGUE,
        commune=commune(QUIMPER),
        postal_code="29000",
        website="https://www.example.org/ligue29",
        secure_messaging="ligue29@example.mssante.fr",
    )
    OfferFactory(
        structure=ligue,
        title="Sophrologie et relaxation",
        subcategory_codes=["sophrologie", "relaxation"],
        practitioner_qualification="Sophrologue certifiée (RNCP)",
        audiences=[Audience.PATIENTS, Audience.RELATIVES],
        age_groups=[AgeGroup.ADULTS, AgeGroup.ELDERLY],
        care_settings=[CareSetting.TOWN],
        phases=[Phase.TREATMENT, Phase.AFTER],
        formats=[GroupFormat.GROUP],
        modalities=[Modality.ON_SITE, Modality.REMOTE],
        cost=Cost.PARTLY_PAID,
        cost_amount=Decimal("12.50"),
        cost_details="Adhésion",
        how_to_access="Sur rendez-vous",
        appointment_delay_days=21,
        schedule="Mardi 14 h – 16 h",
        contact_phone="02 98 11 22 33",
        contact_email="sophro@example.org",
        places=[
            PlaceFactory(
                structure=ligue,
                name="Maison des associations",
                commune=commune(QUIMPER),
                postal_code="29000",
                wheelchair_accessible=True,
                phone="02 98 00 00 01",
            ),
            PlaceFactory(
                structure=ligue,
                name="Antenne de Brest",
                commune=commune(BREST),
                postal_code="29200",
                address_complement="2e étage",
                access_notes="Tram A, arrêt Liberté",
            ),
        ],
    )
    OfferFactory(
        structure=ligue,
        title="Consultations de psychologue",
        subcategory_codes=["consultation-psychologue"],
        parcours_global=True,
        access=[Access.NOT_FOLLOWED_HERE],
    )
    hospital = StructureFactory(
        name="Centre hospitalier de Saint-Brieuc",
        kind=StructureKind.ETABLISSEMENT_SANTE,
        siret="",
        siren="",
        finess=finess_with_key("22000001"),
        commune=commune(SAINT_BRIEUC),
        postal_code="22000",
    )
    OfferFactory(
        structure=hospital,
        title="Hypnose en oncologie",
        subcategory_codes=["hypnose"],
        practitioner_qualification="Médecin, DIU d'hypnose médicale",
        cost=Cost.FREE,
        access=[Access.FOLLOWED_HERE],
        commune=commune(SAINT_BRIEUC),
    )
    msp = StructureFactory(name="MSP de Vannes", kind=StructureKind.MSP, commune=commune(VANNES), postal_code="56000")
    OfferFactory(structure=msp, title="Consultation diététique", subcategory_codes=["consultation-dieteticien"])
    # Not published: must not travel.
    OfferFactory(structure=msp, title="Brouillon", status=PublicationStatus.DRAFT)
    StructureFactory(name="Structure retirée", status=PublicationStatus.DELISTED)


def snapshot() -> dict[str, Any]:
    """The published content, without database ids, uuids and dates."""
    structures = {}
    for s in Structure.objects.published().filter(offers__status=PublicationStatus.PUBLISHED).distinct():
        structures[s.siret or s.finess] = (
            s.name,
            s.kind,
            s.siret,
            s.finess,
            s.address_line,
            s.address_complement,
            s.postal_code,
            s.commune_id,
            s.phone,
            s.email,
            s.website,
            s.secure_messaging,
            s.is_recognised_association,
            s.description,
        )
    offers = {}
    for o in Offer.objects.published().select_related("structure", "category"):
        places = sorted(
            (
                p.name,
                p.address_line,
                p.address_complement,
                p.postal_code,
                p.commune_id,
                p.phone,
                p.wheelchair_accessible,
                p.access_notes,
                p.lat,
                p.lng,
            )
            for p in o.places.all()
        )
        offers[(o.structure.siret or o.structure.finess, o.title)] = (
            o.category.code,
            sorted(s.code for s in o.subcategories.all()),
            o.description,
            o.audiences,
            o.age_groups,
            o.care_settings,
            o.phases,
            o.access,
            o.formats,
            o.modalities,
            o.parcours_global,
            o.cost,
            o.cost_amount,
            o.cost_details,
            o.how_to_access,
            o.appointment_delay_days,
            o.schedule,
            o.contact_phone,
            o.contact_email,
            o.practitioner_qualification,
            places,
        )
    return {"structures": structures, "offers": offers}


def test_exported_published_data_imported_into_an_empty_directory_gives_the_same_content(tmp_path: Path) -> None:
    published_directory()
    before = snapshot()
    assert len(before["offers"]) == 4 and len(before["structures"]) == 3
    call_command("export_opendata", dir=tmp_path, import_format=True, stdout=io.StringIO())
    communes, subcategories = Commune.objects.count(), SubCategory.objects.count()

    Offer.objects.all().delete()
    Place.objects.all().delete()
    Structure.objects.all().delete()
    admin = regional_admin("53")
    out = io.StringIO()
    call_command(
        "import_offres",
        str(tmp_path / "offres-format-import.csv"),
        user=admin.username,
        publish=True,
        stdout=out,
        stderr=io.StringIO(),
    )

    assert "3 structure(s) créée(s)" in out.getvalue() and "4 offre(s) créée(s)" in out.getvalue()
    # An import by the regional administrator lands in regional review: they approve it.
    waiting = Offer.objects.filter(status=PublicationStatus.REGIONAL_REVIEW)
    assert waiting.count() == 4 and not Offer.objects.published().exists()
    outcome = publication.bulk_transition(waiting, publication.Action.APPROVE_REGIONAL, actor_for(admin))
    assert outcome.refused == []
    assert snapshot() == before
    assert Place.objects.count() == 5
    assert (Commune.objects.count(), SubCategory.objects.count()) == (communes, subcategories)  # reference data stays

    # And once more: the same file changes nothing.
    out = io.StringIO()
    call_command(
        "import_offres",
        str(tmp_path / "offres-format-import.csv"),
        user=admin.username,
        publish=True,
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "0 offre(s) créée(s), 0 modifiée(s), 4 inchangée(s)" in out.getvalue()
    assert snapshot() == before
