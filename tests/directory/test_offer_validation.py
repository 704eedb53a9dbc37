"""The one validation of an offer (annuaire.directory.validation): errors and reviewer warnings."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from annuaire.directory.enums import Cost, PublicationStatus, StructureKind
from annuaire.directory.models import Offer
from annuaire.directory.validation import check_offer, validate_offer
from tests.directory.factories import OfferFactory, PlaceFactory, StructureFactory
from tests.taxonomy.factories import category, subcategory

pytestmark = pytest.mark.django_db


def psnc_offer(kind: str, qualification: str = "", recognised: bool = False, cost: str = Cost.FREE) -> Offer:
    structure = StructureFactory(kind=kind, is_recognised_association=recognised)
    return Offer(
        structure=structure,
        category=category("bien-etre-image-de-soi"),
        title="Sophrologie",
        practitioner_qualification=qualification,
        cost=cost,
    )


def errors_of(offer: Offer, codes: list[str], places: list | None = None) -> dict[str, list[str]]:
    return check_offer(offer, subcategories=[subcategory(c) for c in codes], places=places or []).errors


@pytest.mark.parametrize(
    "kind", [StructureKind.LIGUE, StructureKind.MSP, StructureKind.CPTS, StructureKind.AAP_PARCOURS]
)
def test_a_non_conventional_practice_is_allowed_in_a_recognised_framework(kind: str) -> None:
    assert errors_of(psnc_offer(kind, "Sophrologue certifiée RNCP"), ["sophrologie"]) == {}


def test_a_hospital_needs_a_qualified_practitioner_for_a_non_conventional_practice() -> None:
    errors = errors_of(psnc_offer(StructureKind.ETABLISSEMENT_SANTE), ["sophrologie"])
    assert "pratique non conventionnelle" in errors["practitioner_qualification"][0]
    assert errors_of(psnc_offer(StructureKind.ETABLISSEMENT_SANTE, "Médecin, DIU d'hypnose"), ["sophrologie"]) == {}


def test_an_ordinary_association_may_not_list_reflexology() -> None:
    with pytest.raises(ValidationError) as error:
        validate_offer(
            psnc_offer(StructureKind.ASSOCIATION, "Réflexologue"), subcategories=[subcategory("reflexologie")]
        )
    assert "association reconnue" in error.value.message_dict["practitioner_qualification"][0]
    assert errors_of(psnc_offer(StructureKind.ASSOCIATION, "Réflexologue", recognised=True), ["reflexologie"]) == {}


def test_the_practitioner_qualification_is_required_for_every_non_conventional_practice() -> None:
    errors = errors_of(psnc_offer(StructureKind.LIGUE), ["sophrologie"])
    assert "Indiquez la qualification" in errors["practitioner_qualification"][0]


def test_reviewers_are_shown_the_declared_qualification() -> None:
    check = check_offer(psnc_offer(StructureKind.LIGUE, "Sophrologue RNCP"), subcategories=[subcategory("sophrologie")])
    assert [w.code for w in check.warnings] == ["psnc"]
    assert "Sophrologue RNCP" in check.warnings[0].message


def test_a_non_conventional_practice_is_never_covered_by_the_assurance_maladie() -> None:
    offer = psnc_offer(StructureKind.LIGUE, "Sophrologue RNCP", cost=Cost.COVERED)
    assert "Assurance maladie" in errors_of(offer, ["sophrologie"])["cost"][0]


def test_sub_categories_must_belong_to_the_offer_category() -> None:
    offer = Offer(structure=StructureFactory(), category=category("nutrition"), title="Diététique")
    assert "n'appartiennent pas" in errors_of(offer, ["consultation-psychologue"])["subcategories"][0]
    assert "au moins un soin" in errors_of(offer, [])["subcategories"][0]


def test_the_parcours_global_flag_only_goes_on_the_care_it_funds() -> None:
    offer = Offer(structure=StructureFactory(), category=category("activite-physique"), parcours_global=True)
    assert errors_of(offer, ["bilan-activite-physique"]) == {}
    assert "yoga" in errors_of(offer, ["bilan-activite-physique", "yoga"])["parcours_global"][0].lower()


def test_the_places_belong_to_the_offer_structure() -> None:
    offer = OfferFactory()
    elsewhere = PlaceFactory(name="Site d'une autre structure")
    errors = check_offer(offer, places=[elsewhere]).errors
    assert "Site d'une autre structure" in errors["places"][0]
    assert check_offer(offer).errors == {}


def test_an_appointment_delay_over_a_month_is_a_warning_not_an_error() -> None:
    offer = OfferFactory(appointment_delay_days=45)
    check = check_offer(offer)
    assert check.is_valid
    assert [w.code for w in check.warnings] == ["delai"]
    assert "45 jours" in check.warnings[0].message
    offer.appointment_delay_days = 30
    assert check_offer(offer).warnings == []


def test_unreadable_opening_hours_are_refused() -> None:
    offer = OfferFactory(opening_hours="lundi matin")
    assert "Jours illisibles" in check_offer(offer).errors["opening_hours"][0]


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
