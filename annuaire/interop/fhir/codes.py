"""Systems, profiles and extension URLs used by the FHIR export (docs/adr/0005)."""

from __future__ import annotations

from typing import Any

from annuaire.directory.enums import (
    Access,
    AgeGroup,
    Audience,
    CareSetting,
    Cost,
    GroupFormat,
    Modality,
    Phase,
    StructureKind,
)

FHIR_VERSION = "4.0.1"
CONTENT_TYPE = "application/fhir+json; charset=utf-8"

# ROR implementation guide (ANS), canonical https://interop.esante.gouv.fr/ig/fhir/ror
ROR = "https://interop.esante.gouv.fr/ig/fhir/ror"
ROR_VERSION = "0.7.0"
ROR_IMPLEMENTATION_GUIDE = f"{ROR}/ImplementationGuide/ans.fhir.fr.ror|{ROR_VERSION}"
PROFILE_ORGANIZATION = f"{ROR}/StructureDefinition/ror-organization"
PROFILE_HEALTHCARESERVICE = f"{ROR}/StructureDefinition/ror-healthcareservice"
PROFILE_LOCATION = f"{ROR}/StructureDefinition/ror-location"
EXT_ROR_COMMUNE_COG = f"{ROR}/StructureDefinition/ror-commune-cog"
EXT_CREATION_DATE = f"{ROR}/StructureDefinition/ror-meta-creation-date"
EXT_SENSITIVE_UNIT = f"{ROR}/StructureDefinition/ror-healthcareservice-sensitive-unit"
EXT_PATIENT_TYPE = f"{ROR}/StructureDefinition/ror-healthcareservice-patient-type"
EXT_TELECOM_CHANNEL = f"{ROR}/StructureDefinition/ror-telecom-communication-channel"
EXT_TELECOM_CONFIDENTIALITY = f"{ROR}/StructureDefinition/ror-telecom-confidentiality-level"
EXT_ACT_TYPE = f"{ROR}/StructureDefinition/ror-act-type"
EXT_CALCULATED_DISTANCE = f"{ROR}/StructureDefinition/ror-calculated-distance"
# Core extension a server puts on Bundle.entry.search for a near search.
EXT_LOCATION_DISTANCE = "http://hl7.org/fhir/StructureDefinition/location-distance"

# FR Core (Interop'Santé) and national terminologies (MOS/NOS).
EXT_ADDRESS_INSEE_CODE = "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code"
IDENTIFIER_TYPE_SYSTEM = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"
ORGANIZATION_TYPE_SYSTEM = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-3307"
COMMUNE_SYSTEM = "https://mos.esante.gouv.fr/NOS/TRE_R13-Commune/FHIR/TRE-R13-Commune"
SUBSETTED = {"system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "SUBSETTED"}

# Identifier systems, as FR Core and the ROR define them (PROFILES.md §2.2).
FINESS_SYSTEM = "https://finess.esante.gouv.fr"
SIRENE_SYSTEM = "https://sirene.fr"
IDNST_SYSTEM = "urn:oid:1.2.250.1.71.4.2.2"
UCUM = "http://unitsofmeasure.org"
# Systems the server used before the ROR alignment, still understood by `identifier=`.
LEGACY_SYSTEMS = {"http://finess.sante.gouv.fr": FINESS_SYSTEM, "http://sirene.fr": SIRENE_SYSTEM}

# Our own artefacts live under <SITE_URL>/fhir/...
TAXONOMY_ID = "sos-taxonomie"
EXT_COST_ID = "sos-reste-a-charge"
EXT_PATIENTELE_ID = "sos-patientele"
# Naming systems of our own identifiers, under <SITE_URL>/fhir/sid/.
OFFER_ID_SYSTEM = "sid/offre"
PLACE_ID_SYSTEM = "sid/lieu"


class Vocabulary:
    """One of our controlled vocabularies served as a CodeSystem."""

    def __init__(self, code_system_id: str, title: str, choices: Any, description: str) -> None:
        self.id = code_system_id
        self.title = title
        self.choices = choices
        self.description = description
        self._labels: dict[str, str] | None = None

    def label(self, code: str) -> str:
        if self._labels is None:  # read once: every resource of a search asks for several labels
            self._labels = {str(value): str(label) for value, label in self.choices.choices}
        return self._labels.get(code, code)


VOCABULARIES: dict[str, Vocabulary] = {
    v.id: v
    for v in [
        Vocabulary("sos-type-structure", "Types de structure", StructureKind, "Nature de la structure qui propose."),
        Vocabulary("sos-public", "Pour qui", Audience, "Personnes à qui l'offre s'adresse."),
        Vocabulary("sos-age", "Âges", AgeGroup, "Tranches d'âge accueillies."),
        Vocabulary("sos-lieu-prise-en-charge", "Lieux de prise en charge", CareSetting, "Où a lieu le soin."),
        Vocabulary("sos-phase", "Moments du parcours", Phase, "Moments du parcours de soins concernés."),
        Vocabulary("sos-acces", "Conditions d'accès", Access, "Qui peut accéder à l'offre."),
        Vocabulary("sos-reste-a-charge", "Reste à charge", Cost, "Ce que la personne paie."),
        Vocabulary("sos-format", "Format", GroupFormat, "Individuel ou en groupe."),
        Vocabulary("sos-modalite", "Modalités", Modality, "Sur place, à distance, à domicile."),
    ]
}

# Age ranges (years) of our age groups, for the patient-type extension.
# The ROR needs both bounds: an open upper bound is written 120, as in the guide's examples;
# an offer without an age group is for every age (0–120).
MAX_AGE = 120
AGE_RANGES: dict[str, tuple[int, int]] = {
    AgeGroup.AJA: (15, 25),
    AgeGroup.ADULTS: (18, MAX_AGE),
    AgeGroup.ELDERLY: (75, MAX_AGE),
}
