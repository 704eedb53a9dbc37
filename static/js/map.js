/* Annuaire SOS — shared Leaflet map helper (no CDN, works offline).
 *
 *   var view = AnnuaireMap.draw(element, markers, options);
 *   view.setMarkers(otherMarkers);   // e.g. after an htmx update
 *
 * markers: [{lat, lng, title, url, detail}] — a popup shows the title linked to url.
 * options (all optional; else read from the element's data attributes):
 *   geojson      data-geojson       URL(s) of GeoJSON outlines, comma-separated (grey base layer)
 *   tileUrl      data-tile-url      raster tiles, only if configured (settings.MAP_TILE_URL)
 *   attribution  data-tile-attribution
 *   bounds       data-bounds        "south,west,north,east": the view when there is no marker
 *   maxZoom      default 14
 * The map is a visual aid: pages must give the same information as text (the list).
 *
 * Small maps need no script of their own: <figure data-place-map="ID" hidden> holding
 * <div id="ID" data-...> and the JSON element #ID-data (a list of markers) is drawn on load,
 * and unhidden only if it has markers. Without JavaScript it stays hidden.
 */
(function (global) {
  "use strict";

  var outlinesCache = {};

  function fetchOutlines(url) {
    if (!outlinesCache[url]) {
      outlinesCache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("GeoJSON " + response.status); }
        return response.json();
      });
    }
    return outlinesCache[url];
  }

  function parseBounds(value) {
    if (!value) { return null; }
    var parts = String(value).split(",").map(Number);
    if (parts.length !== 4 || parts.some(isNaN)) { return null; }
    return [[parts[0], parts[1]], [parts[2], parts[3]]];
  }

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function popupHtml(marker) {
    var title = escapeHtml(marker.title);
    var html = marker.url ? '<a href="' + escapeHtml(marker.url) + '">' + title + "</a>" : "<strong>" + title + "</strong>";
    if (marker.detail) { html += "<br>" + escapeHtml(marker.detail); }
    return html;
  }

  function labelZoomControl(map) {
    map.zoomControl.getContainer().querySelectorAll("a").forEach(function (link) {
      var label = link.classList.contains("leaflet-control-zoom-in") ? "Zoomer" : "Dézoomer";
      link.title = label;
      link.setAttribute("aria-label", label);
    });
  }

  function draw(element, markers, options) {
    if (!global.L || !element) { return null; }
    var L = global.L;
    options = options || {};
    var data = element.dataset || {};
    var geojson = options.geojson || data.geojson || "";
    var tileUrl = options.tileUrl || data.tileUrl || "";
    var attribution = options.attribution || data.tileAttribution || "";
    var defaultBounds = options.bounds || parseBounds(data.bounds) || [[41.3, -5.2], [51.1, 9.6]];
    var maxZoom = options.maxZoom || 14;

    var reduceMotion = global.matchMedia && global.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var map = L.map(element, {
      scrollWheelZoom: false,
      maxZoom: maxZoom,
      zoomSnap: 0.5,
      zoomAnimation: !reduceMotion,
      fadeAnimation: !reduceMotion,
      markerZoomAnimation: !reduceMotion
    });
    map.attributionControl.setPrefix(false);
    labelZoomControl(map);
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: maxZoom, attribution: attribution }).addTo(map);
    } else {
      element.classList.add("map-offline");
    }
    geojson.split(",").filter(Boolean).forEach(function (url) {
      fetchOutlines(url.trim()).then(function (collection) {
        var layer = L.geoJSON(collection, {
          interactive: false,
          style: { color: "#6b6f76", weight: 1, fill: !tileUrl, fillColor: "#ffffff", fillOpacity: 1 }
        }).addTo(map);
        layer.bringToBack();
      }).catch(function () { /* outlines are decoration only */ });
    });

    var group = L.featureGroup().addTo(map);

    function setMarkers(list) {
      group.clearLayers();
      // Offers at the same position (often a commune centre) share one marker listing them all.
      var byPosition = {};
      var order = [];
      (list || []).forEach(function (marker) {
        if (typeof marker.lat !== "number" || typeof marker.lng !== "number") { return; }
        var key = marker.lat.toFixed(5) + "," + marker.lng.toFixed(5);
        if (!byPosition[key]) { byPosition[key] = []; order.push(key); }
        byPosition[key].push(marker);
      });
      order.forEach(function (key) {
        var here = byPosition[key];
        var title = here.length === 1 ? here[0].title : here.length + " offres à cet endroit";
        var html = here.length === 1
          ? popupHtml(here[0])
          : "<strong>" + escapeHtml(title) + "</strong><ul class=\"map-popup-list\">" +
            here.map(function (m) { return "<li>" + popupHtml(m) + "</li>"; }).join("") + "</ul>";
        L.marker([here[0].lat, here[0].lng], { title: title, alt: title, keyboard: true })
          .bindPopup(html, { maxHeight: 280 })
          .addTo(group);
      });
      if (group.getLayers().length) {
        map.fitBounds(group.getBounds(), { padding: [30, 30], maxZoom: 12 });
      } else {
        map.fitBounds(defaultBounds);
      }
    }

    setMarkers(markers);
    // The container may just have been laid out (e.g. unhidden): measure again once painted.
    window.setTimeout(function () {
      map.invalidateSize();
      setMarkers(markers);
    }, 50);
    return {
      map: map,
      setMarkers: setMarkers,
      refresh: function () { map.invalidateSize(); }
    };
  }

  function drawFigure(figure) {
    var id = figure.getAttribute("data-place-map");
    var element = document.getElementById(id);
    var data = document.getElementById(id + "-data");
    if (!element || !data) { return; }
    var markers = JSON.parse(data.textContent);
    if (!markers.length) { return; }
    figure.hidden = false;
    draw(element, markers);
  }

  global.AnnuaireMap = { draw: draw };
  if (global.L) { document.querySelectorAll("[data-place-map]").forEach(drawFigure); }
})(window);
