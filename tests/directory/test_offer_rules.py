"""Rules an offer must follow before it can be saved by a form or an import."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from annuaire.directory.enums import Cost, PublicationStatus, StructureKind
from annuaire.directory.models import Offer
from tests.directory.factories import OfferFactory, StructureFactory
from tests.taxonomy.factories import category, subcategory

pytestmark = pytest.mark.django_db


def psnc_offer(kind: str, qualification: str = "", recognised: bool = False) -> Offer:
    structure = StructureFactory(kind=kind, is_recognised_association=recognised)
    return Offer(
        structure=structure,
        category=category("bien-etre-image-de-soi"),
        title="Sophrologie",
        practitioner_qualification=qualification,
    )


@pytest.mark.parametrize(
    "kind", [StructureKind.LIGUE, StructureKind.MSP, StructureKind.CPTS, StructureKind.AAP_PARCOURS]
)
def test_a_non_conventional_practice_is_allowed_in_a_recognised_framework(kind: str) -> None:
    psnc_offer(kind).clean_subcategories([subcategory("sophrologie")])


def test_a_hospital_needs_a_qualified_practitioner_for_a_non_conventional_practice() -> None:
    with pytest.raises(ValidationError, match="pratique non conventionnelle"):
        psnc_offer(StructureKind.ETABLISSEMENT_SANTE).clean_subcategories([subcategory("sophrologie")])
    psnc_offer(StructureKind.ETABLISSEMENT_SANTE, "Médecin, DIU d'hypnose médicale").clean_subcategories(
        [subcategory("sophrologie")]
    )


def test_an_association_must_be_recognised_for_a_non_conventional_practice() -> None:
    with pytest.raises(ValidationError):
        psnc_offer(StructureKind.ASSOCIATION).clean_subcategories([subcategory("sophrologie")])
    psnc_offer(StructureKind.ASSOCIATION, recognised=True).clean_subcategories([subcategory("sophrologie")])


def test_sub_categories_must_belong_to_the_offer_category() -> None:
    offer = Offer(structure=StructureFactory(), category=category("nutrition"), title="Diététique")
    with pytest.raises(ValidationError, match="n'appartiennent pas"):
        offer.clean_subcategories([subcategory("consultation-psychologue")])
    with pytest.raises(ValidationError, match="au moins un soin"):
        offer.clean_subcategories([])


def test_a_partly_paid_offer_states_the_amount() -> None:
    offer = Offer(cost=Cost.PARTLY_PAID)
    with pytest.raises(ValidationError) as error:
        offer.clean()
    assert "cost_amount" in error.value.message_dict
    Offer(cost=Cost.PARTLY_PAID, cost_amount=Decimal("25")).clean()


def test_the_parcours_global_is_never_paid_by_the_patient() -> None:
    with pytest.raises(ValidationError, match="sans frais"):
        Offer(cost=Cost.PARTLY_PAID, cost_amount=Decimal("10"), parcours_global=True).clean()


def test_an_offer_is_public_only_when_it_and_its_structure_are_published() -> None:
    assert OfferFactory().is_published
    assert not OfferFactory(status=PublicationStatus.TERRITORIAL_REVIEW).is_published
    assert not OfferFactory(structure=StructureFactory(status=PublicationStatus.DRAFT)).is_published


def test_the_search_text_follows_the_sub_categories() -> None:
    offer = OfferFactory(title="Séances", subcategory_codes=["consultation-dieteticien"])
    offer.subcategories.add(subcategory("ateliers-nutrition-cuisine"))
    offer.refresh_from_db()
    assert "dieteticien" in offer.search_text and "cuisine" in offer.search_text


def test_the_cost_label_says_what_remains_to_pay() -> None:
    assert Offer(cost=Cost.PARTLY_PAID, cost_amount=Decimal("22.5")).cost_label == "Reste à charge : 22,50 €"
    assert Offer(cost=Cost.FREE).cost_label == "Gratuit"
