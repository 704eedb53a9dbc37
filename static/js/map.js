/* Annuaire SOS — shared Leaflet map helper (no CDN; falls back to offline outlines).
 *
 *   var view = AnnuaireMap.draw(element, markers, options);
 *   view.setMarkers(otherMarkers, centre);   // e.g. after an htmx update
 *
 * markers: [{number, lat, lng, title, url, detail}] — numbered like the list of results;
 *   a popup shows the title linked to url. Close markers gather in clusters when zoomed out
 *   (Leaflet.markercluster, when loaded).
 * centre: {lat, lng, label, radius_km} or null — the searched commune and its radius.
 * options (all optional; else read from the element's data attributes):
 *   tileUrl      data-tile-url      raster tiles (settings.MAP_TILE_URL: Plan IGN by default)
 *   attribution  data-tile-attribution
 *   outlines     data-outlines      folder of per-region outline files + index.json (offline base map)
 *   bounds       data-bounds        "south,west,north,east": the view when there is no marker
 * Without tiles, or when they cannot load (offline), the map draws the départements outlines,
 * fetched only for the regions in view. The map is a visual aid: pages give the same
 * information as text (the list).
 *
 * Small maps need no script of their own: <figure data-place-map="ID" hidden> holding
 * <div id="ID" data-...> and the JSON element #ID-data (a list of markers) is drawn on load,
 * and unhidden only if it has markers. Without JavaScript it stays hidden.
 */
(function (global) {
  "use strict";

  var jsonCache = {};
  var TILE_ERRORS_BEFORE_FALLBACK = 2;

  function fetchJson(url) {
    if (!jsonCache[url]) {
      jsonCache[url] = fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error(url + " " + response.status); }
        return response.json();
      });
    }
    return jsonCache[url];
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
    var html = marker.url ? '<a href="' + escapeHtml(marker.url) + '">' + escapeHtml(marker.title) + "</a>" : "<strong>" + escapeHtml(marker.title) + "</strong>";
    if (marker.number) { html = '<span class="map-popup-number">' + escapeHtml(marker.number) + ".</span> " + html; }
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

  function numberIcon(L, text) {
    return L.divIcon({
      className: "map-number",
      html: "<span>" + escapeHtml(text) + "</span>",
      iconSize: [32, 32],
      iconAnchor: [16, 16],
      popupAnchor: [0, -14]
    });
  }

  function Outlines(L, map, folder) {
    // Offline base map: the outlines of the regions in view, each file fetched once.
    var drawn = {};
    var layer = L.layerGroup().addTo(map);
    function update() {
      if (!folder) { return; }
      fetchJson(folder + "index.json").then(function (index) {
        var view = map.getBounds();
        Object.keys(index).forEach(function (code) {
          var b = index[code];
          if (drawn[code] || !view.intersects(L.latLngBounds([b[0], b[1]], [b[2], b[3]]))) { return; }
          drawn[code] = true;
          fetchJson(folder + code + ".geojson").then(function (collection) {
            L.geoJSON(collection, {
              interactive: false,
              style: { color: "#6b6f76", weight: 1, fill: true, fillColor: "#ffffff", fillOpacity: 1 }
            }).addTo(layer).bringToBack();  // under the radius circle
          }).catch(function () { drawn[code] = false; });
        });
      }).catch(function () { /* outlines are decoration only */ });
    }
    return { start: function () { map.on("moveend", update); update(); } };
  }

  function draw(element, markers, options) {
    if (!global.L || !element) { return null; }
    var L = global.L;
    options = options || {};
    var data = element.dataset || {};
    var tileUrl = options.tileUrl || data.tileUrl || "";
    var attribution = options.attribution || data.tileAttribution || "";
    var outlinesFolder = options.outlines || data.outlines || "";
    var defaultBounds = options.bounds || parseBounds(data.bounds) || [[41.3, -5.2], [51.1, 9.6]];
    var maxZoom = options.maxZoom || 16;

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

    var outlines = Outlines(L, map, outlinesFolder);
    function goOffline() {
      element.classList.add("map-offline");
      outlines.start();
    }
    if (tileUrl) {
      var loaded = false;
      var errors = 0;
      var tiles = L.tileLayer(tileUrl, { maxZoom: maxZoom, attribution: attribution }).addTo(map);
      tiles.on("tileload", function () { loaded = true; });
      tiles.on("tileerror", function () {
        errors += 1;
        if (!loaded && errors === TILE_ERRORS_BEFORE_FALLBACK) {
          map.removeLayer(tiles);
          goOffline();
        }
      });
    } else {
      goOffline();
    }

    var group = L.markerClusterGroup
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 30, spiderfyOnMaxZoom: true,
          animate: !reduceMotion })
      : L.featureGroup();
    group.addTo(map);
    var centreLayer = L.layerGroup().addTo(map);

    function setMarkers(list, centre) {
      group.clearLayers();
      centreLayer.clearLayers();
      var bounds = L.latLngBounds([]);
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
        var numbers = here.map(function (m) { return m.number; }).filter(Boolean);
        var title = here.length === 1 ? here[0].title : here.length + " offres à cet endroit";
        var html = here.length === 1
          ? popupHtml(here[0])
          : "<strong>" + escapeHtml(title) + "</strong><ul class=\"map-popup-list\">" +
            here.map(function (m) { return "<li>" + popupHtml(m) + "</li>"; }).join("") + "</ul>";
        var icon = numbers.length ? numberIcon(L, numbers.length > 2 ? numbers[0] + "…" : numbers.join(", ")) : undefined;
        var options = { title: title, alt: title, keyboard: true };
        if (icon) { options.icon = icon; }
        var point = L.marker([here[0].lat, here[0].lng], options).bindPopup(html, { maxHeight: 280 });
        group.addLayer(point);
        bounds.extend(point.getLatLng());
      });
      if (centre && typeof centre.lat === "number") {
        var where = L.latLng(centre.lat, centre.lng);
        if (centre.radius_km) {
          var circle = L.circle(where, { radius: centre.radius_km * 1000, interactive: false, color: "#0b4f8a", weight: 2, fillOpacity: 0.05 });
          circle.addTo(centreLayer);
          // Show the whole radius: the person sees how far the search went.
          var around = where.toBounds(centre.radius_km * 2000);
          bounds = bounds.isValid() ? bounds.extend(around) : around;
        }
        L.circleMarker(where, { radius: 8, color: "#ffffff", weight: 3, fillColor: "#8a2a5a", fillOpacity: 1, interactive: false })
          .bindTooltip(centre.label, { permanent: false, direction: "top" })
          .addTo(centreLayer);
        bounds.extend(where);
      }
      if (bounds.isValid()) {
        map.fitBounds(bounds, { padding: [20, 20], maxZoom: 13 });
      } else {
        map.fitBounds(defaultBounds);
      }
    }

    var centreNow = options.centre || null;
    setMarkers(markers, centreNow);
    // The container may just have been laid out (e.g. unhidden): measure again once painted.
    window.setTimeout(function () {
      map.invalidateSize();
      setMarkers(markers, centreNow);
    }, 50);
    return {
      map: map,
      setMarkers: function (list, centre) { markers = list; centreNow = centre || null; setMarkers(list, centreNow); },
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
