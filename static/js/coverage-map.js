/* Annuaire SOS — coverage map: each commune a dot coloured by the distance to the nearest offer.
 *
 * Reads <figure data-coverage-map hidden> holding a map element and the JSON element
 * #<map id>-donnees: [[lat, lng, band, name, distance label], ...]; the colours come from
 * the legend's swatches (one list item per band, in order). Without JavaScript the figure
 * stays hidden: the table and the downloads hold the same information.
 */
(function (global) {
  "use strict";

  function drawCoverage(figure) {
    var element = figure.querySelector(".map");
    var data = element && document.getElementById(element.id + "-donnees");
    if (!element || !data || !global.AnnuaireMap) { return; }
    var points = JSON.parse(data.textContent);
    if (!points.length) { return; }
    var colours = Array.prototype.map.call(figure.querySelectorAll(".map-legend .swatch"), function (swatch) {
      return global.getComputedStyle(swatch).backgroundColor;
    });
    var lats = points.map(function (p) { return p[0]; });
    var lngs = points.map(function (p) { return p[1]; });
    figure.hidden = false;
    var view = global.AnnuaireMap.draw(element, [], {
      bounds: [[Math.min.apply(null, lats), Math.min.apply(null, lngs)], [Math.max.apply(null, lats), Math.max.apply(null, lngs)]]
    });
    if (!view) { return; }
    var L = global.L;
    points.forEach(function (p) {
      L.circleMarker([p[0], p[1]], {
        radius: 4,
        stroke: false,
        fillColor: colours[p[2]] || "#555",
        fillOpacity: 0.85
      }).bindTooltip(p[3] + " : " + p[4]).addTo(view.map);
    });
  }

  if (global.L) { document.querySelectorAll("[data-coverage-map]").forEach(drawCoverage); }
})(window);
