"""Demo applications at every stage, made through the application workflow itself.

Two pilot territories are opened (Finistère and Ille-et-Vilaine, as the seeds plan two
pilots), then applications are submitted, assessed, sent back, completed, accepted and
refused by a reviewer of the region (the demo regional administrator), so that the
back office shows each stage. Demo applications are recognised by their e-mail domain.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from post_office.models import Email
from pypdf import PdfWriter

from annuaire.accounts.models import Role, RoleKind
from annuaire.applications import workflow
from annuaire.applications.criteria import CRITERION_CODES
from annuaire.applications.enums import DocumentKind
from annuaire.applications.models import Application, Invitation, PilotTerritory
from annuaire.applications.uploads import CheckedPdf
from annuaire.core.identifiers import finess_with_key, siren_with_key, siret_with_key
from annuaire.demo.fiction import DEMO_DOMAIN
from annuaire.directory.enums import StructureKind
from annuaire.directory.fictitious import fictitious_structures as demo_structures
from annuaire.directory.models import Structure
from annuaire.geo.models import Commune, Departement

PILOT_DEPARTEMENTS = ("29", "35")


@dataclass(frozen=True)
class DemoApplication:
    name: str
    kind: str
    commune: str  # INSEE code
    postal_code: str
    stage: str  # waiting, assessed, returned, resubmitted, accepted, refused


# In Finistère, the territory of the demo coordinators (3C and DAC), plus one in Rennes
# that only the regional administrator sees.
STAGES = (
    DemoApplication(
        "Association Les Ajoncs – soutien après cancer", StructureKind.ASSOCIATION, "29232", "29000", "waiting"
    ),
    DemoApplication("Maison de santé de l'Élorn", StructureKind.MSP, "29103", "29800", "assessed"),
    DemoApplication("Clinique de l'Odet", StructureKind.ETABLISSEMENT_SANTE, "29232", "29000", "waiting"),
    DemoApplication("Association Yoga et Cancer Brest", StructureKind.ASSOCIATION, "29019", "29200", "returned"),
    DemoApplication("CPTS du Pays de Morlaix", StructureKind.CPTS, "29151", "29600", "resubmitted"),
    DemoApplication("Comité de la Ligue – antenne de Quimperlé", StructureKind.LIGUE, "29233", "29300", "accepted"),
    DemoApplication("Centre Bien-Être Énergétique", StructureKind.ASSOCIATION, "29039", "29900", "refused"),
    DemoApplication("Association Rennes Cancer Entraide", StructureKind.ASSOCIATION, "35238", "35000", "waiting"),
)


def demo_regional_admin() -> Any:
    """The demo account of Brittany's regional administrator, if the demo created it."""
    return (
        get_user_model()
        .objects.filter(demo_account__isnull=False, roles__kind=RoleKind.REGIONAL_ADMIN, roles__region_id="53")
        .order_by("pk")
        .first()
    )


def demo_applications() -> Any:
    return Application.objects.filter(email__endswith="." + DEMO_DOMAIN)


def delete_demo_applications() -> int:
    """Delete demo applications (their documents' files too) and the accounts invited by them."""
    applications = list(demo_applications().prefetch_related("documents"))
    for application in applications:
        for document in application.documents.all():
            document.file.delete(save=False)
    invited = Invitation.objects.filter(user__email__endswith="." + DEMO_DOMAIN, user__last_login__isnull=True)
    users = [invitation.user for invitation in invited.select_related("user")]
    count, _ = demo_applications().delete()
    for user in users:
        user.delete()
    PilotTerritory.objects.filter(opened_by__demo_account__isnull=False).delete()
    return count


def _pdf(title: str) -> CheckedPdf:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": f"{title} (document de démonstration)"})
    buffer = io.BytesIO()
    writer.write(buffer)
    content = buffer.getvalue()
    return CheckedPdf(content, hashlib.sha256(content).hexdigest(), f"{title}.pdf")


def _listed_structure() -> Structure | None:
    """A demo town structure of Finistère, not the demo referent's: the accepted demo
    application is how it came to be listed (acceptance links it, no duplicate)."""
    taken = Role.objects.filter(structure__isnull=False).values("structure_id")
    return (
        demo_structures()
        .filter(commune__departement_id="29", kind=StructureKind.ASSOCIATION)
        .exclude(siret="")
        .exclude(pk__in=taken)
        .order_by("-name")
        .first()
    )


def _application(number: int, plan: DemoApplication) -> Application:
    slug = f"candidature{number}"
    siren = siren_with_key(f"{89000000 + number:08d}")
    today = timezone.localdate()
    return Application(
        name=plan.name,
        kind=plan.kind,
        siret=siret_with_key(siren, "0001"),
        finess=finess_with_key(f"{plan.commune[:2]}99{number:04d}")
        if plan.kind in StructureKind.health_establishments()
        else "",
        address_line=f"{number} rue de la Démonstration",
        postal_code=plan.postal_code,
        commune=Commune.objects.get(code=plan.commune),
        phone=f"02 61 91 {10 + number:02d} {20 + number:02d}",
        email=f"contact@{slug}.{DEMO_DOMAIN}",
        legal_representative_last_name="Le Bihan",
        legal_representative_first_name="Maï",
        legal_representative_function="Présidente",
        referent_last_name="Guillou",
        referent_first_name="Erwan",
        referent_function="Coordinateur des soins de support",
        referent_phone=f"02 61 91 {30 + number:02d} {40 + number:02d}",
        referent_email=f"referent@{slug}.{DEMO_DOMAIN}",
        oncology_active_file=40 + 15 * number,
        insurer="Mutuelle d'assurance de démonstration",
        insurance_policy=f"DEMO-{number:05d}",
        siren_extract_date=today - timedelta(days=10 + number),
    )


def _all_valid_but(*codes: str) -> dict[str, tuple[bool | None, str]]:
    marks: dict[str, tuple[bool | None, str]] = dict.fromkeys(CRITERION_CODES, (True, ""))
    for code in codes:
        marks[code] = (False, "")
    return marks


@transaction.atomic
def create_demo_applications(reviewer: Any) -> int:
    """Open the pilot territories and walk each demo application to its stage; `reviewer` must be
    a regional administrator of Brittany."""
    for code in PILOT_DEPARTEMENTS:
        if not PilotTerritory.objects.open().filter(departement_id=code).exists():
            PilotTerritory.objects.create(departement=Departement.objects.get(code=code), opened_by=reviewer)
    signature = workflow.Signature("Maï Le Bihan", "Présidente")
    first_email = Email.objects.aggregate(last=Max("pk"))["last"] or 0
    for number, plan in enumerate(STAGES, start=1):
        documents = {kind: _pdf(DocumentKind(kind).label) for kind in DocumentKind.values}
        draft = _application(number, plan)
        listed = _listed_structure() if plan.stage == "accepted" else None
        if listed is not None:
            draft.name, draft.kind, draft.siret = listed.name, listed.kind, listed.siret
            draft.commune, draft.postal_code = listed.commune, listed.postal_code
        application = workflow.submit(workflow.Submission(draft, documents), signature)
        if plan.stage == "assessed":
            workflow.assess(application, {"coordonnees": (True, ""), "referent": (True, "")}, by=reviewer)
        elif plan.stage in ("returned", "resubmitted"):
            marks = _all_valid_but("recrutement")
            marks["recrutement"] = (False, "La procédure ne dit pas quel diplôme est demandé aux intervenants.")
            workflow.assess(application, marks, by=reviewer)
            workflow.send_back(application, workflow.send_back_reasons(application, ""), by=reviewer)
            if plan.stage == "resubmitted":
                documents = {DocumentKind.RECRUITMENT: _pdf("Procédure de recrutement, version 2")}
                workflow.resubmit(application, documents, None)
        elif plan.stage == "accepted":
            workflow.assess(application, _all_valid_but(), by=reviewer)
            workflow.accept(application, by=reviewer)
        elif plan.stage == "refused":
            workflow.refuse(
                application,
                "Les soins proposés (soins énergétiques) ne font pas partie des soins de support reconnus "
                "et relèvent d'un risque de dérive (charte, point 4).",
                by=reviewer,
            )
    # The demo tells nobody: its messages would go to fictitious addresses.
    Email.objects.filter(pk__gt=first_email).delete()
    return len(STAGES)
