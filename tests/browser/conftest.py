"""Real headless Chromium (Debian package `chromium`) driven by Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium. Without it the tests
fail with a message saying how to install it (they are never skipped).

Browser tests need `live_server`, hence transactional tests: the database is flushed after
each test. The reference data (communes, taxonomy) is loaded by tests/conftest.py *after*
the test database is created, so Django's serialized snapshot (`serialized_rollback`) does
not hold it. We keep our own copy and put it back in bulk before each browser test and after
each module, so that the tests which run next in the same process still find the communes.
"""

import base64
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.conftest import BRITTANY, _Null

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
# Generous waits: CI machines run the browser and two test workers on two cores.
# A wait ends as soon as its condition holds, so this only matters under load.
BROWSER_TIMEOUT_MS = 20_000
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
# such a thread unless told it is safe (the test is the only user of the connection).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    from playwright.sync_api import expect

    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    # Known to --strict-markers even when pytest-xdist is disabled (`-p no:xdist`).
    config.addinivalue_line("markers", "xdist_group(name): run these tests in the same xdist worker")


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium est introuvable : installez le paquet Debian `chromium` (apt-get install chromium).")
    return path


# --- reference data kept across flushes ----------------------------------------------------


REFERENCE_APPS = ("geo", "taxonomy", "needs", "interop")


@pytest.fixture(scope="session")
def _reference_snapshot(django_db_setup: Any, django_db_blocker: Any) -> list[dict[str, Any]]:
    """The reference data (communes, taxonomy) as loaded by tests/conftest.py, taken once."""
    from django.apps import apps
    from django.core import serializers

    from annuaire.geo.models import Commune

    with django_db_blocker.unblock():
        if not Commune.objects.exists():  # flushed by a transactional test of another folder
            call_command("load_geo", departements=BRITTANY, verbosity=0, stdout=_Null())
            call_command("load_taxonomy", verbosity=0, stdout=_Null())
            call_command("load_needs", verbosity=0, stdout=_Null())
            call_command("load_ror_mapping", verbosity=0, stdout=_Null())
        snapshot: list[dict[str, Any]] = []
        for label in REFERENCE_APPS:
            for model in apps.get_app_config(label).get_models():  # parents before children
                snapshot += serializers.serialize("python", model._default_manager.order_by("pk"))
    return snapshot


def restore_reference_data(snapshot: list[dict[str, Any]]) -> None:
    """Put the reference data back after a flush, in bulk (a second, not a save() per row)."""
    from django.core import serializers

    from annuaire.geo.models import Commune

    if Commune.objects.exists():
        return
    by_model: dict[Any, list[Any]] = {}
    links: dict[Any, list[Any]] = {}
    for item in serializers.deserialize("python", snapshot):
        model = type(item.object)
        by_model.setdefault(model, []).append(item.object)
        for name, pks in (item.m2m_data or {}).items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links.setdefault(through, []).extend(
                through(**{f"{source}_id": item.object.pk, f"{target}_id": pk}) for pk in pks
            )
    for model, objects in [*by_model.items(), *links.items()]:
        model._default_manager.bulk_create(objects, batch_size=500)


@pytest.fixture(scope="module", autouse=True)
def _reference_data_after_module(_reference_snapshot: list[dict[str, Any]], django_db_blocker: Any) -> Iterator[None]:
    """The tests which run next in this process find the reference data again."""
    yield
    with django_db_blocker.unblock():
        restore_reference_data(_reference_snapshot)


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest, _reference_snapshot: list[dict[str, Any]]) -> None:
    """Before each database test of this folder: the previous one was flushed.

    Runs once the test database is ready (`_django_db_helper` is pytest-django's fixture
    behind the `django_db` mark).
    """
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")
        restore_reference_data(_reference_snapshot)


# --- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


# Map tiles (settings.MAP_TILE_URL) come from the network, which tests never use: a blank
# tile is served instead. tests/browser/test_map.py checks the fallback when tiles fail.
TILE_URLS = re.compile(r"^https://data\.geopf\.fr/")
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP49P4lAAWhAstl7N0JAAAAAElFTkSuQmCC"
)


def _page(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh French browser context (no cookies shared between tests)."""
    context = browser.new_context(locale="fr-FR", **options)
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    context.route(TILE_URLS, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    yield context.new_page()
    context.close()


PHONE = {"device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    yield from _page(browser, viewport={"width": 1280, "height": 900})


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A phone-sized screen (iPhone SE width, 320 px is checked separately)."""
    yield from _page(browser, viewport={"width": 375, "height": 740}, **PHONE)


@pytest.fixture
def small_phone(browser: Any) -> Iterator[Any]:
    """The narrowest screen we support (WCAG 1.4.10 reflow: 320 CSS px)."""
    yield from _page(browser, viewport={"width": 320, "height": 640}, **PHONE)


@pytest.fixture
def no_javascript(browser: Any) -> Iterator[Any]:
    yield from _page(browser, viewport={"width": 375, "height": 740}, java_script_enabled=False, is_mobile=True)


# --- helpers -------------------------------------------------------------------------------


@dataclass
class PageProblems:
    """JavaScript errors, failed requests and HTTP errors seen by a page."""

    items: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> "PageProblems":
        page.on("console", lambda msg: msg.type == "error" and self.items.append(f"console: {msg.text} ({page.url})"))
        page.on("pageerror", lambda error: self.items.append(f"JavaScript: {error} ({page.url})"))
        page.on(
            "requestfailed",
            lambda request: self.items.append(f"request failed: {request.url} ({request.failure})"),
        )
        page.on(
            "response",
            lambda response: response.status >= 400 and self.items.append(f"HTTP {response.status}: {response.url}"),
        )
        return self

    def unexpected(self) -> list[str]:
        """Problems, less the requests htmx cancels on purpose (`hx-sync="this:replace"`).

        A newer search replaces one still running: the browser reports the old request as
        aborted and htmx logs `htmx:sendAbort` and `htmx:afterRequest` as console errors.
        """
        aborts = sum(1 for item in self.items if item.startswith("console: htmx:sendAbort"))
        kept = []
        for item in self.items:
            if item.startswith("request failed:") and "net::ERR_ABORTED" in item:
                continue
            if item.startswith("console: htmx:sendAbort"):
                continue
            if item.startswith("console: htmx:afterRequest") and aborts:
                aborts -= 1
                continue
            kept.append(item)
        return kept


def wait_until(page: Any, expression: str, timeout_ms: int = 20_000) -> None:
    """Wait until a JavaScript expression is true. `page.wait_for_function` evaluates its
    string inside the page with eval, which the site's Content-Security-Policy forbids;
    `page.evaluate` goes through the DevTools protocol."""
    waited = 0
    while not page.evaluate(expression):
        if waited >= timeout_ms:
            raise AssertionError(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(100)
        waited += 100


def run_axe(page: Any) -> list[str]:
    """WCAG 2.1 A/AA violations found by axe-core on the current page, one line per node."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: a <script> tag would be an inline script,
        # which the site's Content-Security-Policy rightly blocks.
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            lines.append(
                f"[{violation['id']}] {violation['help']} – {' '.join(map(str, node['target']))}: "
                f"{node.get('failureSummary', '')} – {node['html'][:160]}"
            )
    return lines


# --- a small directory: a dozen offers in four Breton towns and around Quimper -------------


@dataclass
class Directory:
    offers: dict[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.offers[key]


@pytest.fixture
def directory(db: None) -> Directory:
    """Psychology offers at increasing distances from Quimper, other kinds of care, one draft."""
    from decimal import Decimal

    from annuaire.directory.enums import Cost, PublicationStatus
    from tests.directory.factories import OfferFactory, StructureFactory
    from tests.geo.factories import BREST, QUIMPER, RENNES, SAINT_BRIEUC, commune

    ERGUE_GABERIC, BRIEC = "29051", "29020"

    def structure(name: str, code: str, postal_code: str) -> Any:
        return StructureFactory(name=name, commune=commune(code), postal_code=postal_code)

    quimper = structure("Centre hospitalier de Cornouaille", QUIMPER, "29000")
    ergue = structure("Maison de santé d'Ergué-Gabéric", ERGUE_GABERIC, "29500")
    briec = structure("Ligue contre le cancer – antenne de Briec", BRIEC, "29510")
    brest = structure("Espace Ressources Cancer de Brest", BREST, "29200")
    rennes = structure("Centre Eugène Marquis", RENNES, "35000")
    saint_brieuc = structure("Association Vivre Après à Saint-Brieuc", SAINT_BRIEUC, "22000")

    psy = ["consultation-psychologue"]
    offers = {
        "quimper_psy": OfferFactory(
            title="Psychologue au centre hospitalier",
            structure=quimper,
            subcategory_codes=psy,
            cost=Cost.PARTLY_PAID,
            cost_amount=Decimal("25"),
            contact_phone="02 98 52 60 60",
        ),
        "ergue_psy": OfferFactory(
            title="Écoute psychologique en maison de santé", structure=ergue, subcategory_codes=psy
        ),
        "briec_psy": OfferFactory(
            title="Soutien psychologique de la Ligue", structure=briec, subcategory_codes=psy, cost=Cost.COVERED
        ),
        "brest_psy": OfferFactory(
            title="Psycho-oncologue à Brest", structure=brest, subcategory_codes=["consultation-psycho-oncologue"]
        ),
        "rennes_psy": OfferFactory(
            title="Consultation de psycho-oncologie",
            structure=rennes,
            subcategory_codes=["consultation-psycho-oncologue"],
            cost=Cost.PARTLY_PAID,
            cost_amount=Decimal("40"),
        ),
        "saint_brieuc_psy": OfferFactory(
            title="Groupe de parole après un cancer", structure=saint_brieuc, subcategory_codes=psy
        ),
        "quimper_draft": OfferFactory(
            title="Brouillon jamais publié", structure=quimper, subcategory_codes=psy, status=PublicationStatus.DRAFT
        ),
        "quimper_nutrition": OfferFactory(
            title="Consultation diététique", structure=quimper, subcategory_codes=["consultation-dieteticien"]
        ),
        "rennes_nutrition": OfferFactory(
            title="Ateliers cuisine et nutrition", structure=rennes, subcategory_codes=["ateliers-nutrition-cuisine"]
        ),
        "brest_apa": OfferFactory(
            title="Activité physique adaptée", structure=brest, subcategory_codes=["seances-apa"], cost=Cost.COVERED
        ),
        "saint_brieuc_social": OfferFactory(
            title="Permanence d'une assistante sociale",
            structure=saint_brieuc,
            subcategory_codes=["consultation-assistant-service-social"],
        ),
        "quimper_image": OfferFactory(
            title="Socio-esthétique", structure=quimper, subcategory_codes=["socio-esthetique"]
        ),
    }
    return Directory(offers)
