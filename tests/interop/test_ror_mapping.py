"""The table sub-category → ROR national codes is data: loaded by default, editable in the
administration, checked against the national lists, and read by the FHIR export."""

from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client

from annuaire.interop import nos
from annuaire.interop.models import RorMapping
from annuaire.taxonomy.models import SubCategory
from tests.directory.factories import OfferFactory

pytestmark = pytest.mark.django_db

TRE_R211 = "https://mos.esante.gouv.fr/NOS/TRE_R211-ActiviteOperationnelle/FHIR/TRE-R211-ActiviteOperationnelle"


def activity(resource: dict[str, Any]) -> str:
    return next(c["code"] for s in resource["specialty"] for c in s["coding"] if c["system"] == TRE_R211)


def test_every_default_subcategory_is_mapped_to_codes_of_the_national_lists() -> None:
    assert RorMapping.objects.count() == SubCategory.objects.count()
    for mapping in RorMapping.objects.all():
        mapping.full_clean()
        assert mapping.operational_activity in nos.code_list("J17")


def test_loading_again_keeps_the_administrators_edits_unless_reset() -> None:
    mapping = RorMapping.objects.get(subcategory__code="yoga")
    mapping.operational_activity = "314"
    mapping.save()

    call_command("load_ror_mapping", stdout=StringIO())
    assert RorMapping.objects.get(subcategory__code="yoga").operational_activity == "314"
    call_command("load_ror_mapping", reset=True, stdout=StringIO())
    assert RorMapping.objects.get(subcategory__code="yoga").operational_activity == "330"


def test_a_code_outside_the_national_lists_is_refused_in_french() -> None:
    mapping = RorMapping.objects.get(subcategory__code="yoga")
    mapping.operational_activity, mapping.specific_acts = "999", "0769, 9999"
    with pytest.raises(ValidationError) as error:
        mapping.full_clean()
    assert error.value.message_dict == {
        "operational_activity": ["Code(s) absent(s) de la nomenclature J17 : 999."],
        "specific_acts": ["Code(s) absent(s) de la nomenclature J16 : 9999."],
    }


def test_an_edit_in_the_admin_changes_the_fhir_export(admin_client: Client, fhir: Any) -> None:
    offer = OfferFactory(subcategory_codes=["yoga"])
    assert activity(fhir(f"/fhir/HealthcareService/{offer.uuid}")) == "330"
    mapping = RorMapping.objects.get(subcategory__code="yoga")
    assert admin_client.get("/admin/interop/rormapping/").status_code == 200
    form = {
        "subcategory": mapping.subcategory_id,
        "operational_activity": "314",
        "care_mode": "42",
        "offer_type": "",
        "activity_field": "",
        "specific_acts": "0769",
        "note": "Activités de bien-être.",
    }
    refused = admin_client.post(f"/admin/interop/rormapping/{mapping.pk}/change/", {**form, "care_mode": "77"})
    assert refused.status_code == 200
    assert "Code(s) absent(s) de la nomenclature J19 : 77." in refused.content.decode()

    response = admin_client.post(f"/admin/interop/rormapping/{mapping.pk}/change/", form)

    assert response.status_code == 302
    assert activity(fhir(f"/fhir/HealthcareService/{offer.uuid}")) == "314"


def test_a_subcategory_without_mapping_gets_the_generic_supportive_care_activity(fhir: Any) -> None:
    offer = OfferFactory(subcategory_codes=["yoga"])
    RorMapping.objects.filter(subcategory__code="yoga").delete()
    resource = fhir(f"/fhir/HealthcareService/{offer.uuid}")
    assert activity(resource) == "414"
    assert resource["characteristic"][0]["coding"][0]["code"] in {"32", "42"}
