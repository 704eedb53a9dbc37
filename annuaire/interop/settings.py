"""Settings of the interoperability exports, with their defaults."""

from django.conf import settings

DEFAULT_SOURCE = "annuaire-sos"
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def source() -> str:
    """The producer id written in every data·inclusion record (`INTEROP_SOURCE`)."""
    return str(getattr(settings, "INTEROP_SOURCE", "") or DEFAULT_SOURCE)


def site_url() -> str:
    """Scheme and host of the public site, without a trailing slash (`SITE_URL`).

    Identifiers, canonical URLs and links of the exports are built from it, never from the
    request: 127.0.0.1 and localhost, or a proxy, must not change an identifier.
    """
    return str(getattr(settings, "SITE_URL", "") or DEFAULT_SITE_URL).rstrip("/")


def fhir_base() -> str:
    return site_url() + "/fhir"
