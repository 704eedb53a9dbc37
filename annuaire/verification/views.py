"""Back-office pages of the yearly verification: the coordinators' dashboard, the
confirmation page of a structure (one click per offer), the region's reinstatement queue."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from annuaire.directory.enums import PublicationStatus
from annuaire.directory.models import Notice, Structure
from annuaire.directory.publication import TransitionError
from annuaire.espace.views.access import actor_of, espace_view
from annuaire.verification import links
from annuaire.verification.confirmation import (
    Outcome,
    confirm_offer,
    confirm_structure,
    decide_reinstatement,
    is_answered,
    last_confirmed,
    offers_to_confirm,
    pending_revision_ids,
)
from annuaire.verification.forms import NoticeForm
from annuaire.verification.models import ErrorReport, ReinstatementRequest, VerificationMessage
from annuaire.verification.schedule import Freshness, MessageKind, delisting_day, due_date
from annuaire.verification.states import overview


@espace_view
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    state = request.GET.get("etat", Freshness.OVERDUE)
    status = 200
    if state not in Freshness.values:
        messages.error(request, "État inconnu : choisissez un des états proposés.")
        state, status = Freshness.OVERDUE, 400
    summary = overview(actor.structures(), timezone.localdate())
    context = {
        "summary": summary,
        "totals": summary.totals,
        "states": Freshness.choices,
        "state": state,
        "state_label": Freshness(state).label,
        "rows": [row for row in summary.rows if row.state == state],
        "pending_reinstatements": ReinstatementRequest.objects.pending()
        .filter(structure__in=actor.structures())
        .count()
        if actor.is_regional_admin
        else 0,
    }
    return render(request, "verification/dashboard.html", context, status=status)


@espace_view
def signed_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the e-mails: after logging in, the structure's confirmation page."""
    pk = links.structure_from(token)
    if pk is None:
        messages.error(request, "Ce lien n'est plus valable. Retrouvez vos structures dans votre espace.")
        return redirect("verification:dashboard")
    return redirect("verification:structure", pk=pk)


@espace_view
def structure_page(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure(request, pk)
    today = timezone.localdate()
    confirmed = last_confirmed(structure)
    due = due_date(confirmed)
    request_day = (
        VerificationMessage.objects.filter(structure=structure, cycle_due=due, kind=MessageKind.REQUEST)
        .values_list("sent_on", flat=True)
        .first()
    )
    offers = offers_to_confirm(structure)
    pending = pending_revision_ids(offers)
    rows = [(offer, is_answered(offer, confirmed, offer.pk in pending), offer.pk in pending) for offer in offers]
    context = {
        "structure": structure,
        "last_confirmed": confirmed,
        "due": due,
        "delisting": delisting_day(due, request_day or today),
        "is_delisted": structure.status == PublicationStatus.DELISTED,
        "pending_request": ReinstatementRequest.objects.pending().filter(structure=structure).exists(),
        "rows": rows,
        "remaining": sum(1 for _offer, answered, _pending in rows if not answered),
        "notice_form": NoticeForm(structure=structure),
        "notices": Notice.objects.filter(structure=structure, ends_on__gte=today).select_related("offer"),
    }
    return render(request, "verification/structure.html", context)


@require_POST
@espace_view
def confirm_one(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    offer = get_object_or_404(actor.offers().originals().select_related("structure"), pk=pk)
    try:
        outcome = confirm_offer(offer, actor, timezone.localdate())
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"« {offer.title} » est confirmée. " + _outcome_text(outcome))
    return redirect("verification:structure", pk=offer.structure_id)


@require_POST
@espace_view
def confirm_all(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    structure = _structure(request, pk)
    try:
        outcome = confirm_structure(structure, actor, timezone.localdate())
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _outcome_text(outcome))
    return redirect("verification:structure", pk=structure.pk)


@require_POST
@espace_view
def add_notice(request: HttpRequest, pk: int) -> HttpResponse:
    structure = _structure(request, pk)
    form = NoticeForm(request.POST, structure=structure)
    if form.is_valid():
        form.save()
        messages.success(request, "L'avis est enregistré : il s'affiche sur les pages publiques aux dates choisies.")
    else:
        errors = " ".join(str(m) for field_errors in form.errors.values() for m in field_errors)
        messages.error(request, f"L'avis n'est pas enregistré : {errors}")
    return redirect("verification:structure", pk=structure.pk)


@require_POST
@espace_view
def remove_notice(request: HttpRequest, pk: int) -> HttpResponse:
    notice = get_object_or_404(Notice.objects.filter(structure__in=actor_of(request).structures()), pk=pk)
    notice.withdraw(timezone.localdate())
    messages.success(request, "L'avis est retiré des pages publiques.")
    return redirect("verification:structure", pk=notice.structure_id)


@espace_view
def reinstatements(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.is_regional_admin:
        raise Http404("Page réservée à l'administration régionale.")
    waiting = (
        ReinstatementRequest.objects.pending()
        .filter(structure__in=actor.structures())
        .select_related("structure__commune", "requested_by")
    )
    return render(request, "verification/reinstatements.html", {"waiting": waiting})


@require_POST
@espace_view
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    if not actor.is_regional_admin:
        raise Http404("Page réservée à l'administration régionale.")
    reinstatement = get_object_or_404(
        ReinstatementRequest.objects.pending().filter(structure__in=actor.structures()), pk=pk
    )
    choice = request.POST.get("decision", "")
    if choice not in ("retablir", "refuser"):
        messages.error(request, "Choisissez « Rétablir » ou « Refuser ».")
        return HttpResponseRedirect(reverse("verification:reinstatements"))
    try:
        decide_reinstatement(
            reinstatement,
            actor,
            approve=choice == "retablir",
            comment=request.POST.get("commentaire", ""),
            today=timezone.localdate(),
        )
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        verb = "rétablie" if choice == "retablir" else "laissée hors de l'annuaire"
        messages.success(request, f"« {reinstatement.structure.name} » est {verb} ; la structure est prévenue.")
    return HttpResponseRedirect(reverse("verification:reinstatements"))


@espace_view
def reports(request: HttpRequest) -> HttpResponse:
    """Error reports on the offers of the person's structures and territory, oldest first."""
    actor = actor_of(request)
    waiting = (
        ErrorReport.objects.open()
        .filter(offer__in=actor.offers())
        .select_related("offer__structure")
        .order_by("received_at", "pk")
    )
    return render(request, "verification/reports.html", {"reports": waiting})


@require_POST
@espace_view
def report_handled(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    report = get_object_or_404(ErrorReport.objects.filter(offer__in=actor.offers()), pk=pk)
    if report.handled_on is None:
        ErrorReport.objects.filter(pk=report.pk).update(handled_on=timezone.localdate(), handled_by=actor.user)
    messages.success(request, "Le signalement est marqué comme traité.")
    return HttpResponseRedirect(reverse("verification:reports"))


def _structure(request: HttpRequest, pk: int) -> Structure:
    return get_object_or_404(actor_of(request).structures().select_related("commune__departement"), pk=pk)


def _outcome_text(outcome: Outcome) -> str:
    if outcome.structure_confirmed:
        return "Toutes les informations de la structure sont confirmées pour un an. Merci !"
    if outcome.reinstatement_requested:
        return "Vos informations sont confirmées : l'administration régionale va vérifier et rétablir la structure."
    return f"Encore {outcome.remaining} offre{'s' if outcome.remaining > 1 else ''} à confirmer."
