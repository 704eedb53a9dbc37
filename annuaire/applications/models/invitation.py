"""An invitation to set one's password: single use, expiring, stored as a hash (ADR 0015)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


def hash_secret(raw: str) -> str:
    """What is stored of an invitation link: its SHA-256, so a database leak gives no working link."""
    return hashlib.sha256(raw.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def usable(self) -> InvitationQuerySet:
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())

    def by_key(self, raw_key: str) -> Invitation | None:
        if not raw_key or len(raw_key) > 100:
            return None
        return self.filter(key_hash=hash_secret(raw_key)).select_related("user", "structure").first()


class Invitation(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations", verbose_name="personne invitée"
    )
    structure = models.ForeignKey(
        "directory.Structure",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name="structure",
    )
    as_referent = models.BooleanField("en tant que référent", default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="invitée par",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField("envoyée le", auto_now_add=True)
    expires_at = models.DateTimeField("expire le")
    used_at = models.DateTimeField("utilisée le", null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Invitation de {self.user}"

    def new_key(self) -> str:
        raw = secrets.token_urlsafe(32)
        self.key_hash = hash_secret(raw)
        self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        return raw

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()
