"""Our directory → data·inclusion schema v1 (`data_inclusion.schema.v1`).

Pure mapping, no queries: callers pass objects whose relations are already loaded
(`Structure` with its commune; `Offer` with structure, category, prefetched
sub-categories; `Place` with its commune). Tables are documented in docs/interop.md.

Records are checked against the schema's pydantic models before they leave: an optional
field the schema refuses (e.g. an e-mail address its validator rejects) is dropped
rather than exported broken, so one odd value never hides a whole record.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import pydantic
from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Service,
    Structure,
    Thematique,
    TypeService,
)

from annuaire.core.opening_hours import OpeningHoursError, format_opening_hours, parse_opening_hours
from annuaire.directory.enums import Access, AgeGroup, Audience, Cost, GroupFormat, Modality
from annuaire.directory.models import Offer, Place
from annuaire.directory.models import Structure as DirectoryStructure

Record = dict[str, Any]

NAME_MAX_LENGTH = 150

# Category code → thematiques. Supportive cancer care is health care: every category maps
# at least to a "sante--..." thematique; social, family and well-being categories add the
# closest non-health thematiques.
CATEGORY_THEMATIQUES: dict[str, tuple[Thematique, ...]] = {
    "douleur": (Thematique.SANTE__ACCES_AUX_SOINS,),
    "nutrition": (Thematique.SANTE__ACCES_AUX_SOINS,),
    "psychologie": (Thematique.SANTE__SANTE_MENTALE,),
    "social": (Thematique.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_POUR_LACCES_AUX_DROITS,),
    "activite-physique": (
        Thematique.SANTE__ACCES_AUX_SOINS,
        Thematique.REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES,
    ),
    "hygiene-de-vie": (Thematique.SANTE__ADDICTIONS,),
    "soutien-aidants": (Thematique.SANTE__SANTE_MENTALE, Thematique.FAMILLE__SOUTIEN_AIDANTS),
    "fertilite": (Thematique.SANTE__ACCES_AUX_SOINS, Thematique.SANTE__SANTE_SEXUELLE),
    "sexualite": (Thematique.SANTE__SANTE_SEXUELLE,),
    "soins-palliatifs": (Thematique.SANTE__ACCES_AUX_SOINS,),
    "bien-etre-image-de-soi": (Thematique.REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI,),
    "reeducation-effets-secondaires": (Thematique.SANTE__ACCES_AUX_SOINS,),
    "eri": (Thematique.SANTE__ACCES_AUX_SOINS, Thematique.REMOBILISATION__LIEN_SOCIAL),
}

# Sub-category code → thematiques added to those of its category. Reviewed against the
# schema's definitions: cooking workshops are health education, not food aid
# ("equipement-et-alimentation--alimentation"); a social worker also helps with the MDPH
# file and with paperwork.
SUBCATEGORY_THEMATIQUES: dict[str, tuple[Thematique, ...]] = {
    "consultation-assistant-service-social": (
        Thematique.SANTE__CONSTITUER_UN_DOSSIER_MDPH_INVALIDITE,
        Thematique.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_AUX_DEMARCHES_ADMINISTRATIVES,
    ),
    "entretien-psychologique-douleur": (Thematique.SANTE__SANTE_MENTALE,),
    "groupe-parole-patients": (Thematique.REMOBILISATION__LIEN_SOCIAL,),
    "therapie-familiale": (Thematique.FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION,),
    "conseil-economie-sociale-familiale": (Thematique.DIFFICULTES_FINANCIERES__AMELIORER_SA_GESTION_BUDGETAIRE,),
    "aide-organisation-domicile": (Thematique.EQUIPEMENT_ET_ALIMENTATION__AIDE_MENAGERE,),
    "maintien-dans-emploi": (Thematique.TROUVER_UN_EMPLOI__MAINTIEN_DANS_LEMPLOI,),
    "retour-au-travail": (Thematique.TROUVER_UN_EMPLOI__MAINTIEN_DANS_LEMPLOI,),
    "assurance-emprunt": (Thematique.DIFFICULTES_FINANCIERES__PREVENIR_UNE_DEGRADATION_DE_LA_SITUATION_FINANCIERE,),
    "soutien-enfants-parent-malade": (Thematique.FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION,),
    "repit-aidants": (Thematique.FAMILLE__PRISE_EN_CHARGE_PERSONNE_DEPENDANTE,),
    "benevoles-accompagnement-fin-de-vie": (Thematique.REMOBILISATION__LIEN_SOCIAL,),
    "had-soins-palliatifs": (Thematique.FAMILLE__PRISE_EN_CHARGE_PERSONNE_DEPENDANTE,),
    "socio-esthetique": (Thematique.REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI,),
    "eri-associations-patients": (Thematique.REMOBILISATION__BENEVOLAT_ACTION_CITOYENNE,),
}

# A category added later by the administrators still lands in health.
FALLBACK_THEMATIQUES: tuple[Thematique, ...] = (Thematique.SANTE__ACCES_AUX_SOINS,)

# Sub-categories that are information first (data·inclusion type "information").
INFORMATION_SUBCATEGORIES = {"eri-accueil-ecoute", "eri-information-orientation", "eri-documentation"}
# The schema's "accompagnement" and "atelier" are about returning to work: only these fit.
EMPLOYMENT_SUBCATEGORIES = {"maintien-dans-emploi", "retour-au-travail"}

COST_FRAIS: dict[str, Frais] = {
    Cost.FREE: Frais.GRATUIT,
    Cost.COVERED: Frais.GRATUIT,  # nothing left to pay for the person
    Cost.PARTLY_PAID: Frais.PAYANT,
}

# "a-domicile" has no data·inclusion equivalent ("en-presentiel" means at the service's
# address): it is said in `mobilisation_precisions` instead.
MODALITY_MODES_ACCUEIL: dict[str, ModeAccueil] = {
    Modality.ON_SITE: ModeAccueil.EN_PRESENTIEL,
    Modality.REMOTE: ModeAccueil.A_DISTANCE,
}

AGE_GROUP_PUBLICS: dict[str, Public] = {
    AgeGroup.AJA: Public.JEUNES,
    AgeGroup.ELDERLY: Public.SENIORS,
}

AUDIENCE_MOBILISABLE_PAR: dict[str, PersonneMobilisatrice] = {
    Audience.PATIENTS: PersonneMobilisatrice.USAGERS,
    Audience.RELATIVES: PersonneMobilisatrice.USAGERS,
    Audience.PROFESSIONALS: PersonneMobilisatrice.PROFESSIONNELS,
}


def thematiques(category_code: str, subcategory_codes: Iterable[str]) -> list[Thematique]:
    found = list(CATEGORY_THEMATIQUES.get(category_code, FALLBACK_THEMATIQUES))
    for code in subcategory_codes:
        found += SUBCATEGORY_THEMATIQUES.get(code, ())
    return sorted(set(found), key=str)


def publics(audiences: Iterable[str], age_groups: Iterable[str]) -> list[Public]:
    """data·inclusion publics. Specific publics only when the offer is restricted to them:
    an offer for every age, or for patients and relatives alike, is "tous-publics"."""
    audiences, age_groups = set(audiences), set(age_groups)
    found: set[Public] = set()
    if age_groups and AgeGroup.ADULTS not in age_groups:
        found |= {AGE_GROUP_PUBLICS[code] for code in age_groups if code in AGE_GROUP_PUBLICS}
    if Audience.RELATIVES in audiences and Audience.PATIENTS not in audiences:
        found.add(Public.FAMILLES)
    return sorted(found, key=str) or [Public.TOUS_PUBLICS]


def publics_precisions(audiences: Iterable[str], age_groups: Iterable[str]) -> str:
    parts = ["Personnes concernées par un cancer"]
    audience_labels = [Audience(code).label.lower() for code in audiences if code in Audience.values]
    if audience_labels:
        parts.append("pour : " + ", ".join(audience_labels))
    age_labels = [AgeGroup(code).label.lower() for code in age_groups if code in AgeGroup.values]
    if age_labels:
        parts.append("âges : " + ", ".join(age_labels))
    return " ; ".join(parts) + "."


def frais(cost: str) -> Frais:
    return COST_FRAIS.get(cost, Frais.PAYANT)


def frais_precisions(offer: Offer) -> str:
    text = offer.cost_label
    if offer.parcours_global:
        text += " (parcours de soins global après le traitement d'un cancer, financé par l'ARS)"
    if offer.cost_details:
        text += f". {offer.cost_details}"
    return text


def modes_accueil(modalities: Iterable[str]) -> list[ModeAccueil]:
    return sorted({MODALITY_MODES_ACCUEIL[m] for m in modalities if m in MODALITY_MODES_ACCUEIL}, key=str)


def type_service(subcategory_codes: Iterable[str], formats: Iterable[str]) -> TypeService | None:
    """Only where the schema's definition fits: its types other than "information" are
    about returning to work, so a yoga class in a group is no "atelier"."""
    codes = set(subcategory_codes)
    if codes and codes <= INFORMATION_SUBCATEGORIES:
        return TypeService.INFORMATION
    if codes and codes <= EMPLOYMENT_SUBCATEGORIES:
        return TypeService.ATELIER if set(formats) == {GroupFormat.GROUP} else TypeService.ACCOMPAGNEMENT
    return None


def structure_record(structure: DirectoryStructure, *, source: str, base_url: str) -> Record:
    record: Record = {
        "source": source,
        "id": str(structure.uuid),
        "nom": _name(structure.name),
        "date_maj": _date(structure.updated_at),
        "description": _text(structure.description),
        "lien_source": base_url + structure.get_absolute_url(),
        "siret": structure.siret or None,
        "commune": structure.commune.name,
        "code_postal": structure.postal_code or None,
        "code_insee": structure.commune_id,
        "adresse": structure.address_line or None,
        "complement_adresse": structure.address_complement or None,
        "longitude": structure.lng,
        "latitude": structure.lat,
        "telephone": structure.phone or None,
        "courriel": structure.email or None,
        "site_web": structure.website or None,
        "reseaux_porteurs": None,  # no data·inclusion network fits (see docs/interop.md)
    }
    return _checked(Structure, record)


def service_id(offer: Offer, place: Place) -> str:
    return f"{offer.uuid}--{place.uuid}"


def service_record(offer: Offer, place: Place, *, source: str, base_url: str, zone: list[str] | None = None) -> Record:
    structure = offer.structure
    subcategories = list(offer.subcategories.all())
    codes = [sub.code for sub in subcategories]
    phone = offer.contact_phone or place.phone or structure.phone
    email = offer.contact_email or structure.email
    mobilisable_par = {AUDIENCE_MOBILISABLE_PAR[a] for a in offer.audiences if a in AUDIENCE_MOBILISABLE_PAR}
    record: Record = {
        "source": source,
        "structure_id": str(structure.uuid),
        "id": service_id(offer, place),
        "nom": _name(offer.title),
        "description": _service_description(offer, [sub.label for sub in subcategories]),
        "lien_source": base_url + offer.get_absolute_url(),
        "date_maj": _date(max(offer.updated_at, place.updated_at)),
        "type": type_service(codes, offer.formats),
        "thematiques": thematiques(offer.category.code, codes),
        "frais": frais(offer.cost),
        "frais_precisions": frais_precisions(offer),
        "publics": publics(offer.audiences, offer.age_groups),
        "publics_precisions": publics_precisions(offer.audiences, offer.age_groups),
        "conditions_acces": _conditions_acces(offer),
        "commune": place.commune.name,
        "code_postal": place.postal_code or None,
        "code_insee": place.commune_id,
        "adresse": place.address_line or None,
        "complement_adresse": place.address_complement or None,
        "longitude": place.lng,
        "latitude": place.lat,
        "telephone": phone or None,
        "courriel": email or None,
        "modes_accueil": modes_accueil(offer.modalities) or None,
        "modes_mobilisation": None,  # from the contacts that survive validation, below
        "mobilisable_par": sorted(mobilisable_par, key=str) or None,
        "mobilisation_precisions": _mobilisation_precisions(offer),
        "zone_eligibilite": zone or None,
        "horaires_accueil": horaires_accueil(offer.opening_hours),
    }
    checked = _checked(Service, record)
    # A way to get in touch only when the contact exists (and the schema accepted it).
    modes = [mode for mode, key in CONTACT_MODES if checked.get(key)]
    checked["modes_mobilisation"] = sorted(mode.value for mode in modes) or None
    return checked


CONTACT_MODES = [(ModeMobilisation.TELEPHONER, "telephone"), (ModeMobilisation.ENVOYER_UN_COURRIEL, "courriel")]


def _service_description(offer: Offer, subcategory_labels: list[str]) -> str:
    parts = [offer.description.strip()]
    if not parts[0]:
        parts = [f"{offer.category.label} : {', '.join(subcategory_labels) or offer.title}."]
    if offer.is_non_conventional:
        parts.append("Un complément aux traitements du cancer, jamais un remplacement.")
    return "\n\n".join(parts)[:10000]


def _conditions_acces(offer: Offer) -> str | None:
    parts = [Access(code).label for code in offer.access if code in Access.values]
    text = ("Réservé aux : " + ", ".join(label.lower() for label in parts) + ".") if parts else ""
    if offer.practitioner_qualification:
        text = (text + " " if text else "") + f"Praticien : {offer.practitioner_qualification}."
    return text or None


def _mobilisation_precisions(offer: Offer) -> str | None:
    parts = [offer.how_to_access.strip()]
    if Modality.AT_HOME in offer.modalities:
        parts.append("Possible au domicile de la personne.")
    if offer.schedule:
        parts.append(f"Jours et horaires : {offer.schedule}.")
    if offer.appointment_delay_days is not None:
        parts.append(f"Délai habituel de rendez-vous : {offer.appointment_delay_days} jours.")
    return " ".join(part for part in parts if part) or None


def horaires_accueil(opening_hours: str) -> str | None:
    """The offer's structured hours in OpenStreetMap syntax (normalised), when it has some."""
    if not opening_hours.strip():
        return None
    try:
        return format_opening_hours(parse_opening_hours(opening_hours)) or None
    except OpeningHoursError:
        return None  # not the subset we write: better nothing than a wrong value


def _name(value: str) -> str:
    name = " ".join(value.split())
    if len(name) > NAME_MAX_LENGTH:
        name = name[: NAME_MAX_LENGTH - 1].rstrip() + "…"
    return name.rstrip(".") if not name.endswith("etc.") else name


def _text(value: str) -> str | None:
    value = value.strip()
    return value[:10000] if len(value) >= 5 else None


def _date(moment: datetime) -> date:
    """The day of the change in UTC, never after today in UTC: validators run in UTC and
    refuse a date in their future (the Paris date is tomorrow for them after midnight)."""
    return min(moment.astimezone(UTC).date(), datetime.now(UTC).date())


def _checked(model: type[pydantic.BaseModel], record: Record) -> Record:
    """The record as JSON-ready values, after the schema's own validation; optional
    fields the schema rejects are dropped (required ones raise: a bug on our side)."""
    try:
        instance = model.model_validate(record)
    except pydantic.ValidationError as error:
        required = {name for name, field in model.model_fields.items() if field.is_required()}
        bad = {str(e["loc"][0]) for e in error.errors() if e["loc"] and str(e["loc"][0]) not in required}
        if not bad:
            raise
        instance = model.model_validate({k: (None if k in bad else v) for k, v in record.items()})
    return _json_ready(instance)


def _json_ready(instance: pydantic.BaseModel) -> Record:
    data = instance.model_dump(mode="json")
    # Sets come out in arbitrary order: sort them for stable exports.
    return {key: sorted(value) if isinstance(value, list) else value for key, value in data.items()}
