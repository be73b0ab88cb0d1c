// Draws the Glassbox figures of a course page with the site's one copy of plotly.js.
// tools/site.py gives each figure a div.glassbox-figure holding its PNG and its Plotly JSON (a
// data block, not a script); here the PNG makes way for the interactive plot. Where scripts do not
// run, or plotly.js is missing, the PNG stays.
(function () {
  "use strict";

  function draw(div) {
    var block = div.querySelector("script.glassbox-figure-data");
    if (!block || div.getAttribute("data-drawn")) {
      return;
    }
    var figure = JSON.parse(block.textContent);
    var layout = figure.layout || {};
    // a single plot narrows to the column (Plotly re-lays it out); a grid of subplots keeps its
    // width, as its cells are placed in pixels, and the column scrolls sideways instead
    var room = div.parentElement ? div.parentElement.clientWidth : 0;
    if (room > 0 && layout.width > room && !layout.xaxis2) {
      layout.width = room;
    }
    var plot = document.createElement("div");
    plot.className = "glassbox-plot";
    div.appendChild(plot);
    window.Plotly.newPlot(plot, figure.data || [], layout, figure.config || {}).then(function () {
      var png = div.querySelector("img");
      if (png) {
        png.remove();
      }
      div.setAttribute("data-drawn", "plotly");
    });
  }

  function drawAll() {
    if (!window.Plotly) {
      return;
    }
    document.querySelectorAll("div.glassbox-figure").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
