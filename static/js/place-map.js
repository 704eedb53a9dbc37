/* Small Leaflet maps of an offer's or a structure's places.
   Each <figure data-place-map="ID" hidden> holds <div id="ID">; its data is the JSON
   element #ID-data: {markers: [{lat, lng, name, address}], baseLayer, tileUrl, tileAttribution}.
   Works offline: the base layer is the départements GeoJSON; tiles only if configured.
   Without JavaScript the figure stays hidden: the addresses written on the page are the text equivalent. */
(function () {
  "use strict";
  if (typeof window.L === "undefined") return;

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function draw(figure) {
    var id = figure.getAttribute("data-place-map");
    var dataElement = document.getElementById(id + "-data");
    var container = document.getElementById(id);
    if (!dataElement || !container) return;
    var config = JSON.parse(dataElement.textContent);
    if (!config.markers || !config.markers.length) return;

    figure.hidden = false;
    var map = L.map(container, {
      scrollWheelZoom: false,
      zoomControl: true,
      attributionControl: Boolean(config.tileUrl),
    });
    map.zoomControl.getContainer().querySelectorAll("a").forEach(function (link) {
      if (link.classList.contains("leaflet-control-zoom-in")) {
        link.title = "Zoomer";
        link.setAttribute("aria-label", "Zoomer");
      } else {
        link.title = "Dézoomer";
        link.setAttribute("aria-label", "Dézoomer");
      }
    });
    if (config.tileUrl) {
      L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || "", maxZoom: 18 }).addTo(map);
    } else if (config.baseLayer) {
      fetch(config.baseLayer)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (geojson) {
          if (!geojson) return;
          var layer = L.geoJSON(geojson, {
            interactive: false,
            style: { color: "#5a6270", weight: 1, fillColor: "#f3f5f8", fillOpacity: 1 },
          }).addTo(map);
          layer.bringToBack();
        })
        .catch(function () { /* the markers and addresses are enough */ });
    }

    var bounds = [];
    config.markers.forEach(function (marker) {
      var point = [marker.lat, marker.lng];
      bounds.push(point);
      L.circleMarker(point, {
        radius: 9, color: "#083a66", weight: 3, fillColor: "#0b4f8a", fillOpacity: 0.9,
      })
        .bindPopup("<strong>" + escapeHtml(marker.name) + "</strong><br>" + escapeHtml(marker.address))
        .addTo(map);
    });
    if (bounds.length === 1) {
      map.setView(bounds[0], config.tileUrl ? 14 : 10);
    } else {
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: config.tileUrl ? 14 : 10 });
    }
  }

  document.querySelectorAll("[data-place-map]").forEach(draw);
})();
