/* Annuaire SOS — progressive enhancement of the search page.
 * Without JavaScript the page is a plain GET form; with it (and htmx):
 * results update in place, the new count is announced, the map shows the page's offers.
 */
(function () {
  "use strict";

  var SMALL_SCREEN = window.matchMedia("(max-width: 56rem)");

  function markers() {
    var data = document.getElementById("carte-donnees");
    if (!data) { return []; }
    try { return JSON.parse(data.textContent) || []; } catch (e) { return []; }
  }

  function setUpMap() {
    var element = document.getElementById("carte");
    var panel = document.getElementById("panneau-carte");
    if (!element || !panel || !window.AnnuaireMap || !window.L) { return; }
    if (element.annuaireView) {
      element.annuaireView.setMarkers(markers());
      return;
    }
    panel.hidden = false;
    element.annuaireView = window.AnnuaireMap.draw(element, markers());
    setUpToggle();
  }

  function setUpToggle() {
    var button = document.getElementById("bascule-carte");
    var layout = document.querySelector(".results-layout");
    if (!button || !layout || button.dataset.ready) { return; }
    button.dataset.ready = "1";
    function apply(showMap) {
      layout.classList.toggle("show-map", showMap);
      button.setAttribute("aria-expanded", showMap ? "true" : "false");
      button.textContent = showMap ? "Voir la liste" : "Voir la carte";
      var element = document.getElementById("carte");
      if (showMap && element && element.annuaireView) {
        element.annuaireView.refresh();
        element.annuaireView.setMarkers(markers());
      }
    }
    button.addEventListener("click", function () {
      apply(!layout.classList.contains("show-map"));
    });
    apply(false);
  }

  function announce() {
    var region = document.getElementById("annonce");
    var heading = document.getElementById("resultats-titre");
    if (!region || !heading) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = heading.dataset.announce || heading.textContent; }, 100);
  }

  function clearSubcategoriesOnCategoryChange(event) {
    if (!event.target || event.target.id !== "champ-categorie") { return; }
    document.querySelectorAll('input[name="sous_categorie"]').forEach(function (box) { box.checked = false; });
  }

  document.addEventListener("change", clearSubcategoriesOnCategoryChange, true);

  // Error messages are outside the results region: ask for the whole block to clear them.
  document.addEventListener("htmx:configRequest", function (event) {
    if (document.getElementById("erreurs") || document.querySelector('#formulaire-recherche [aria-invalid="true"]')) {
      event.detail.headers["X-Search-Block"] = "1";
    }
    // Shorter shareable URLs: leave out empty fields (the server treats them as absent).
    var form = event.detail.elt && event.detail.elt.id === "formulaire-recherche";
    var data = event.detail.formData;
    if (form && data && data.keys) {
      Array.from(new Set(Array.from(data.keys()))).forEach(function (key) {
        var values = data.getAll(key).filter(function (value) { return value !== ""; });
        if (!values.length) { data.delete(key); }
      });
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || (target.id !== "resultats" && target.id !== "recherche")) { return; }
    setUpMap();
    announce();
    var config = event.detail.requestConfig || {};
    var trigger = config.triggeringEvent;
    var summary = document.getElementById("erreurs");
    if (summary) {
      summary.focus();
    } else if ((trigger && trigger.type === "submit") || (config.elt && config.elt.closest && config.elt.closest(".pagination"))) {
      var heading = document.getElementById("resultats-titre");
      if (heading) { heading.focus(); }
    }
  });

  function start() {
    setUpMap();
    SMALL_SCREEN.addEventListener && SMALL_SCREEN.addEventListener("change", function () {
      var element = document.getElementById("carte");
      if (element && element.annuaireView) { element.annuaireView.refresh(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
