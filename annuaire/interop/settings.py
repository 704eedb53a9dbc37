"""Settings of the interoperability exports, with their defaults."""

from django.conf import settings
from django.http import HttpRequest

DEFAULT_SOURCE = "annuaire-sos"


def source() -> str:
    """The producer id written in every data·inclusion record (`INTEROP_SOURCE`)."""
    return str(getattr(settings, "INTEROP_SOURCE", "") or DEFAULT_SOURCE)


def public_base_url(request: HttpRequest) -> str:
    """Scheme and host of the public site, without a trailing slash.

    `INTEROP_BASE_URL` (e.g. "https://annuaire.oncobretagne.fr") makes identifiers and
    canonical URLs stable behind proxies; without it, the request's host is used.
    """
    configured = str(getattr(settings, "INTEROP_BASE_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")
