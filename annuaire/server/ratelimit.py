"""Rate limits per client address, by kind of request (settings RATELIMIT_*).

Counting uses django-ratelimit's fixed windows in the default cache: per process with the
default memory cache, shared between workers and servers with Redis (docs/deploiement.md).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage


@dataclass(frozen=True)
class Rule:
    group: str
    setting: str

    @property
    def rate(self) -> str:
        return str(getattr(settings, self.setting))


READ_API = Rule("lecture-api", "RATELIMIT_READ_API")
PAGES = Rule("pages", "RATELIMIT_PAGES")
POST_FORMS = Rule("formulaires", "RATELIMIT_POST_FORMS")

# The public form endpoints read with GET: the search, the commune suggestions, the needs
# questionnaire's results.
_PAGE_PATHS = ("/", "/communes/suggestions/")
_PAGE_PREFIXES = ("/mes-besoins/",)


def rule_for(request: HttpRequest) -> Rule | None:
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        return POST_FORMS
    if request.path.startswith(("/api/", "/fhir/")):
        return READ_API
    if request.path in _PAGE_PATHS or request.path.startswith(_PAGE_PREFIXES):
        return PAGES
    return None


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the address the last trusted proxy saw."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "inconnue"


def _key(group: str, request: HttpRequest) -> str:
    return client_ip(request)


@dataclass(frozen=True)
class Verdict:
    limited: bool
    retry_after: int


def check(request: HttpRequest, rule: Rule) -> Verdict:
    """Count this request against the rule; `limited` once the client is over the rate."""
    if not settings.RATELIMIT_ENABLE or not rule.rate:
        return Verdict(False, 0)
    usage = get_usage(request, group=rule.group, key=_key, rate=rule.rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return Verdict(False, 0)
    return Verdict(True, max(1, int(usage["time_left"])))
