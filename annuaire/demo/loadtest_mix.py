"""What the people of `make loadtest` do, written once for two drivers: locust over HTTP
(annuaire/demo/locustfile.py) and Django's test client (tests/demo/test_loadtest_mix.py,
so that the mix cannot rot). Nothing here imports locust: it patches the standard library
(gevent) as soon as it is imported, which a Django process must not undergo.

Each journey takes an `Http` (get and post that follow redirects and give the final
page) and a `random.Random`, and checks what a person would see: a journey that meets a
page other than the one it expects raises `UnexpectedPage`, which both drivers count as an
error. The communes, categories and words come from the demo region (`make setup`).
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode, urlsplit

from annuaire.demo.credentials import DEMO_PASSWORD

# Towns of the demo region (Brittany) and the words people type.
COMMUNES = ["Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Brieuc", "Saint-Malo", "Morlaix", "Lannion"]
CATEGORIES = ["psychologie", "activite-physique", "nutrition", "bien-etre-image-de-soi", "douleur", "soutien-aidants"]
WORDS = ["sophrologie", "yoga", "psychologue", "douleur", "sommeil"]
COORDINATORS = ["demo-3c", "demo-dac"]
# The coordinators' queues in the back office.
QUEUES = [
    "/espace/",
    "/espace/a-valider/",
    "/espace/journal/",
    "/espace/verification/",
    "/espace/verification/signalements/",
    "/espace/reseau/chiffres/",
]
LOGIN = "/compte/login/"
HARVESTED = ["/fhir/HealthcareService?_count=50", "/fhir/Organization?_count=50", "/fhir/Location?_count=50"]
DATA_INCLUSION = ["/api/v1/data-inclusion/structures?taille=100", "/api/v1/data-inclusion/services?taille=100"]
MAX_HARVEST_PAGES = 4

OFFER_LINK = re.compile(r'href="(/offres/\d+-[\w-]+/)"')
SELECTABLE = re.compile(r'name="offre" value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REVIEW_LINK = re.compile(r'href="(/espace/offres/\d+/)"')


@dataclass(frozen=True)
class Page:
    status: int
    text: str
    path: str  # of the final page, after redirects


class Http(Protocol):
    def get(self, path: str, name: str) -> Page: ...

    def post(self, path: str, data: dict[str, str], name: str) -> Page: ...


class UnexpectedPage(Exception):
    """A journey did not see what a person would have seen."""


def local_path(url: str) -> str:
    """A `next` link (absolute, built from SITE_URL) as a path on the server under test."""
    parts = urlsplit(html.unescape(url))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def expect(page: Page, what: str, path_prefix: str = "") -> Page:
    if page.status != 200 or not page.path.startswith(path_prefix):
        raise UnexpectedPage(f"{what} : réponse {page.status} sur {page.path}")
    return page


def csrf_token(page: Page) -> str:
    found = CSRF.search(page.text)
    if not found:
        raise UnexpectedPage(f"pas de jeton CSRF sur {page.path}")
    return found.group(1)


def search(http: Http, rng: random.Random) -> Page:
    params = {"commune": rng.choice(COMMUNES), "categorie": rng.choice(CATEGORIES)}
    if rng.random() < 0.3:
        params = {"commune": params["commune"], "q": rng.choice(WORDS)}
    return expect(http.get("/?" + urlencode(params), name="/ recherche"), "recherche")


def patient(http: Http, rng: random.Random) -> None:
    """A patient or a relative: the home page, a search, one or two offers of the results."""
    expect(http.get("/", name="/ accueil"), "accueil")
    results = search(http, rng)
    offers = OFFER_LINK.findall(results.text)
    for path in rng.sample(offers, min(2, len(offers))):
        expect(http.get(path, name="/offres/[id]"), "page d'une offre")


def nurse(http: Http, rng: random.Random) -> None:
    """A nurse: a search, two offers added to the selection (POST with the page's CSRF token),
    the printable orientation sheet, then the selection emptied for the next patient."""
    results = search(http, rng)
    chosen = SELECTABLE.findall(results.text)[:2]
    if not chosen:
        return  # nothing found around that town: she searches again later
    back = results.path
    for pk in chosen:
        token = csrf_token(results)
        added = http.post(
            "/fiche-orientation/ajouter/",
            {"csrfmiddlewaretoken": token, "offre": pk, "retour": back},
            name="/fiche-orientation/ajouter/",
        )
        expect(added, "ajout à la sélection")
    sheet = expect(http.get("/fiche-orientation/", name="/fiche-orientation/"), "fiche d'orientation")
    if f"/offres/{chosen[0]}-" not in sheet.text:
        raise UnexpectedPage("la fiche d'orientation ne montre pas l'offre choisie")
    http.post(
        "/fiche-orientation/vider/",
        {"csrfmiddlewaretoken": csrf_token(sheet), "retour": "/fiche-orientation/"},
        name="/fiche-orientation/vider/",
    )


def log_in(http: Http, username: str) -> None:
    """A demo coordinator signs in (demo accounts need no second factor)."""
    form = expect(http.get(LOGIN, name=LOGIN), "page de connexion")
    done = http.post(
        LOGIN,
        {"csrfmiddlewaretoken": csrf_token(form), "login": username, "password": DEMO_PASSWORD},
        name=LOGIN + " (POST)",
    )
    expect(done, f"connexion de {username}", "/espace/")


def coordinator(http: Http, rng: random.Random) -> None:
    """A signed-in coordinator goes through her queues and opens an offer waiting for review."""
    for path in rng.sample(QUEUES, 3):
        page = expect(http.get(path, name=path), "file d'attente", "/espace/")
        if path == "/espace/a-valider/":
            waiting = REVIEW_LINK.findall(page.text)
            if waiting:
                expect(http.get(rng.choice(waiting), name="/espace/offres/[id]/"), "relecture d'une offre")


def harvester(http: Http, rng: random.Random) -> None:
    """A national harvester: FHIR bundles followed by their `next` links, then data·inclusion
    pages, a few pages each."""
    start = rng.choice(HARVESTED)
    path: str | None = start
    for _ in range(MAX_HARVEST_PAGES):
        if path is None:
            break
        page = expect(http.get(path, name=start.split("?")[0] + " (pages)"), "page FHIR")
        links = json.loads(page.text).get("link", [])
        path = next((local_path(link["url"]) for link in links if link.get("relation") == "next"), None)
    path = rng.choice(DATA_INCLUSION)
    name = path.split("?")[0]
    page = expect(http.get(path, name=name), "page data·inclusion")
    following = json.loads(page.text).get("next")
    if following:
        expect(http.get(local_path(following), name=name), "page data·inclusion suivante")


JOURNEYS = {"patient": patient, "nurse": nurse, "coordinator": coordinator, "harvester": harvester}
