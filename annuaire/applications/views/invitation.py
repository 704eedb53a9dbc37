"""Setting one's password from an invitation link (single use, expiring)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone

from annuaire.applications.models import Invitation
from annuaire.applications.views.posted import post_data


def accept_invitation(request: HttpRequest, key: str) -> HttpResponse:
    invitation = Invitation.objects.by_key(key)
    if invitation is None or not invitation.is_usable:
        return render(
            request,
            "applications/invitation_unusable.html",
            {
                "invitation": invitation,
                "contact_email": settings.NETWORK_CONTACT_EMAIL,
                "login_url": resolve_url(settings.LOGIN_URL),
            },
            status=404,
        )
    form = SetPasswordForm(invitation.user, post_data(request))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if locked.is_usable:
                user = form.save(commit=False)
                user.is_active = True
                user.save()
                locked.used_at = timezone.now()
                locked.save(update_fields=["used_at"])
                # Any other pending invitation of this person is now pointless: one password.
                Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=locked.used_at)
                messages.success(request, "Votre mot de passe est créé. Connectez-vous avec votre adresse e-mail.")
                return redirect(settings.LOGIN_URL)
        return redirect(request.path)
    return render(request, "applications/invitation.html", {"form": form, "invitation": invitation})
