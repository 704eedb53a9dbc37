"""The public side of the verification feature: "Signaler une erreur" on an offer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from annuaire.directory.models import Offer
from annuaire.verification.forms import ErrorReportForm
from annuaire.verification.reports import TooManyReports, receive_report


@require_http_methods(["GET", "POST"])
def report_error(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.published().select_related("structure__commune__departement"), pk=pk)
    status = 200
    if request.method == "POST":
        form = ErrorReportForm(request.POST)
        if form.is_valid():
            try:
                receive_report(offer, form.cleaned_data["quoi"], form.cleaned_data["contact"], _client_key(request))
            except TooManyReports as error:
                form.add_error(None, str(error))
                status = 429
            else:
                return redirect(f"{request.path}?envoye=1")
        else:
            status = 400
    else:
        form = ErrorReportForm()
    context = {"offer": offer, "form": form, "sent": request.GET.get("envoye") == "1"}
    return render(request, "verification/report_error.html", context, status=status)


def _client_key(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "inconnu")
