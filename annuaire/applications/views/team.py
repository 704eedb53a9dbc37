"""A referent invites colleagues to their structure (members), by a single-use link."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from annuaire.accounts.models import Role, RoleKind
from annuaire.applications import access, emails
from annuaire.applications.forms.team import InviteMemberForm
from annuaire.applications.models import Invitation
from annuaire.applications.views.posted import post_data
from annuaire.espace.views.access import espace_view


@espace_view
def team(request: HttpRequest, structure_pk: int) -> HttpResponse:
    structure = get_object_or_404(access.referent_structures(request.user), pk=structure_pk)
    if not access.is_referent_of(request.user, structure):
        raise Http404
    form = InviteMemberForm(post_data(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            _user, key = access.invite_member(
                structure, data["email"], data["first_name"], data["last_name"], by=request.user
            )
            inviter = request.user.get_full_name() or request.user.get_username()  # type: ignore[union-attr]
            if key is not None:
                emails.colleague_invited(data["email"], structure.name, inviter, key)
        if key is None:
            messages.success(request, f"{data['email']} a déjà un compte : l'accès à {structure.name} y est ajouté.")
        else:
            messages.success(request, f"Invitation envoyée à {data['email']}.")
        return redirect("equipe:team", structure_pk=structure.pk)
    roles = Role.objects.filter(structure=structure, kind__in=RoleKind.structure_roles()).select_related("user")
    pending = Invitation.objects.usable().filter(structure=structure).values_list("user_id", flat=True)
    return render(
        request,
        "applications/espace/team.html",
        {"structure": structure, "form": form, "roles": roles, "pending": set(pending)},
    )
