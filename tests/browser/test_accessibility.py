"""Every patient can use the site: small screens, keyboard, screen readers (WCAG 2.1 AA, RGAA)."""

from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, run_axe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.xdist_group("browser"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RESULTS = "/?" + urlencode({"categorie": "psychologie", "commune": "Quimper (29)", "rayon": "100"})

UNLABELLED_CONTROLS_JS = """
() => {
  const text = (element) => (element ? element.textContent : "").replace(/\\s+/g, " ").trim();
  const controls = Array.from(document.querySelectorAll("input:not([type=hidden]), select, textarea, button"));
  const unlabelled = controls.filter((control) => {
    const byLabel = Array.from(control.labels || []).map(text).join(" ");
    const byIds = (control.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(" ");
    const own = control.tagName === "BUTTON" ? text(control) : "";
    return !(byLabel || (control.getAttribute("aria-label") || "").trim() || byIds.trim() || own || control.title);
  });
  return {count: controls.length, unlabelled: unlabelled.map((control) => control.outerHTML.slice(0, 200))};
}
"""


def public_pages(directory) -> dict[str, str]:
    offers = [directory["quimper_psy"], directory["brest_psy"]]
    return {
        "accueil": "/",
        "résultats": RESULTS,
        "offre": offers[0].get_absolute_url(),
        "structure": offers[0].structure.get_absolute_url(),
        "soins de support": "/soins-de-support/",
        "à propos": "/a-propos/",
        "état de l'offre": "/etat-de-l-offre/?categorie=psychologie",
        "données personnelles": "/donnees-personnelles/",
        "fiche d'orientation": "/fiche-orientation/?" + urlencode([("offre", offer.pk) for offer in offers]),
        "accessibilité": "/accessibilite/",
    }


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    # On a phone the map (and its code) loads only when asked for: "Voir la carte".
    if (
        page.locator("#carte-donnees").count()
        and page.locator("#carte").is_visible()
        and page.evaluate("document.getElementById('carte-donnees').textContent.length > 2")
    ):
        expect(page.locator("#carte .leaflet-marker-icon").first).to_be_attached()  # the map is drawn


def test_a_patient_on_a_320_px_wide_phone_never_scrolls_sideways(live_server, small_phone, directory) -> None:
    too_wide = {}
    for name, path in public_pages(directory).items():
        small_phone.goto(live_server.url + path)
        widths = small_phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            too_wide[name] = widths
    assert not too_wide, f"horizontal scroll (scrollWidth, innerWidth): {too_wide}"


def test_a_patient_using_the_keyboard_reaches_the_skip_link_first(live_server, desktop, directory) -> None:
    desktop.goto(live_server.url + "/")
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    expect(desktop.get_by_role("link", name="Aller au contenu")).to_be_in_viewport()
    desktop.keyboard.press("Enter")
    assert desktop.evaluate("document.activeElement.id") == "contenu"
    desktop.keyboard.press("Tab")
    # The home page asks first: the kinds of care, one radio group.
    assert desktop.evaluate("document.activeElement.name") == "categorie"


def test_a_patient_using_a_screen_reader_hears_a_label_for_every_form_control(live_server, desktop, directory) -> None:
    for path in ["/", RESULTS + "&gratuit=1", "/?categorie=psychologie&commune=Nulle-part"]:
        desktop.goto(live_server.url + path)
        controls = desktop.evaluate(UNLABELLED_CONTROLS_JS)
        assert controls["count"] > (10 if path == "/" else 30), controls
        assert controls["unlabelled"] == [], f"{path}: {controls['unlabelled']}"
    expect(desktop.locator("#erreurs")).to_be_visible()  # the last page shows the error summary


def test_a_patient_meets_no_wcag_violation_on_any_page(live_server, desktop, directory) -> None:
    violations = {}
    for name, path in public_pages(directory).items():
        open_page(desktop, live_server.url + path)
        found = run_axe(desktop)
        if found:
            violations[name] = found
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in violations.items())
    assert not violations, f"axe-core (WCAG 2.1 A/AA) violations:\n{report}"


def test_a_patient_on_a_320_px_wide_phone_meets_no_wcag_violation_on_any_page(
    live_server, small_phone, directory
) -> None:
    violations = {}
    for name, path in public_pages(directory).items():
        open_page(small_phone, live_server.url + path)
        found = run_axe(small_phone)
        if found:
            violations[name] = found
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines) for name, lines in violations.items())
    assert not violations, f"axe-core (WCAG 2.1 A/AA) violations at 320 px:\n{report}"


def tab_to(page, condition: str, most: int = 120) -> None:
    """Press Tab until the focused element meets `condition` (a JS expression on `el`)."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({condition}); }})()"):
            return
    raise AssertionError(f"never reached with Tab: {condition}")


def test_a_patient_using_only_the_keyboard_goes_from_a_search_to_an_offer_to_the_printable_sheet(
    live_server, desktop, directory
) -> None:
    offer = directory["quimper_psy"]
    desktop.goto(live_server.url + RESULTS)
    tab_to(desktop, f"el.getAttribute('href') === '{offer.get_absolute_url()}'")
    desktop.keyboard.press("Enter")
    expect(desktop.get_by_role("heading", level=1)).to_have_text(offer.title)
    tab_to(desktop, "el.textContent.trim() === 'Ajouter à la fiche'")
    desktop.keyboard.press("Enter")
    expect(desktop.get_by_role("button", name="Retirer de la fiche")).to_be_visible()
    tab_to(desktop, "el.textContent.trim().startsWith('Imprimer la fiche')")
    desktop.keyboard.press("Enter")
    expect(desktop.locator("#titre-fiche")).to_be_visible()
    expect(desktop.locator("main")).to_contain_text(offer.title)
    tab_to(desktop, "el.textContent.trim() === 'Imprimer cette fiche'")


def test_a_patient_sees_no_script_error_nor_broken_request_on_any_page(live_server, desktop, phone, directory) -> None:
    for page in (desktop, phone):
        problems = PageProblems().watch(page)
        for path in public_pages(directory).values():
            open_page(page, live_server.url + path)
        assert not problems.unexpected(), "\n".join(problems.items)
