/* Annuaire SOS — progressive enhancement of the search page.
 * Without JavaScript the page is a plain GET form; with it (and htmx):
 * results update in place, the new count is announced, the map shows the page's offers.
 */
(function () {
  "use strict";

  var SMALL_SCREEN = window.matchMedia("(max-width: 56rem)");

  function jsonData(id, fallback) {
    var data = document.getElementById(id);
    if (!data) { return fallback; }
    try { return JSON.parse(data.textContent) || fallback; } catch (e) { return fallback; }
  }
  function markers() { return jsonData("carte-donnees", []); }
  function centre() { return jsonData("carte-centre", null); }

  // The map's code (Leaflet, its clusters, map.js) is loaded only when a map is shown:
  // phones that never open it do not pay for it. The URLs are on the map element.
  var mapCode = null;
  function loadMapCode(element) {
    if (mapCode) { return mapCode; }
    var data = element.dataset;
    function css(href) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    }
    function script(src) {
      return new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    css(data.leafletCss);
    css(data.clusterCss);
    mapCode = script(data.leafletJs)
      .then(function () { return script(data.clusterJs); })
      .then(function () { return script(data.mapJs); });
    return mapCode;
  }

  function drawMap() {
    var element = document.getElementById("carte");
    if (!element) { return; }
    if (element.annuaireView) {
      element.annuaireView.refresh();
      element.annuaireView.setMarkers(markers(), centre());
      return;
    }
    loadMapCode(element).then(function () {
      if (element.annuaireView || !window.AnnuaireMap) { return; }
      element.annuaireView = window.AnnuaireMap.draw(element, markers(), { centre: centre() });
    }).catch(function () { /* the list gives the same information */ });
  }

  function hasResults() { return markers().length > 0 || centre() !== null; }

  function setUpMap() {
    var element = document.getElementById("carte");
    var panel = document.getElementById("panneau-carte");
    if (!element || !panel) { return; }
    panel.hidden = !hasResults() && !element.annuaireView;
    setUpToggle();
    if (mapVisible()) { drawMap(); }
  }

  function mapVisible() {
    var layout = document.querySelector(".results-layout");
    return !SMALL_SCREEN.matches || (layout && layout.classList.contains("show-map"));
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
      if (showMap) { drawMap(); }
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
      if (mapVisible()) { drawMap(); }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
