// The results dashboard's charts. Every chart is drawn from the text table beside it: each row of a table with
// data-chart is one point (data-x, data-series, data-value; a row without data-value is a suppressed or missing
// cell, drawn as a gap). The tables are the content; without script they are all there is. Chart.js is the app's
// own copy (/api/assets/chart.umd.min.js); it styles its canvases through the CSSOM, which the page's CSP allows.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") return;
  var palette = ["#1f4e79", "#a34700", "#2e7d32", "#6a1b9a", "#00695c", "#6d4c41", "#ad1457", "#37474f"];
  var dashes = [[], [6, 3], [2, 2], [10, 3, 2, 3]];
  var points = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross"];
  var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function draw(table) {
    var kind = table.getAttribute("data-chart") === "bar" ? "bar" : "line";
    var labels = [];
    var series = [];
    var values = {};
    table.querySelectorAll("tbody tr[data-x]").forEach(function (row) {
      var x = row.getAttribute("data-x");
      var s = row.getAttribute("data-series");
      if (labels.indexOf(x) < 0) labels.push(x);
      if (series.indexOf(s) < 0) series.push(s);
      var v = row.getAttribute("data-value");
      values[s + "\u0000" + x] = v === null || v === "" ? null : Number(v);
    });
    if (labels.length === 0) return;
    var datasets = series.map(function (s, i) {
      var color = palette[i % palette.length];
      return {
        label: s,
        data: labels.map(function (x) { var v = values[s + "\u0000" + x]; return v === undefined ? null : v; }),
        borderColor: color,
        backgroundColor: kind === "bar" ? color : color,
        borderDash: kind === "line" ? dashes[i % dashes.length] : undefined,
        pointStyle: points[i % points.length],
        pointRadius: 4,
        spanGaps: false
      };
    });
    var reference = table.getAttribute("data-reference");
    if (reference !== null && reference !== "") {
      datasets.push({
        label: table.getAttribute("data-reference-label") || "",
        data: labels.map(function () { return Number(reference); }),
        borderColor: "#b00020",
        backgroundColor: "#b00020",
        borderDash: [4, 4],
        pointRadius: 0,
        spanGaps: true
      });
    }
    var label = table.getAttribute("data-chart-label") || "";
    var holder = document.createElement("div");
    holder.className = "chart";
    var canvas = document.createElement("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    canvas.textContent = label;
    holder.appendChild(canvas);
    var pair = table.closest(".chart-pair") || table.parentNode;
    pair.insertBefore(holder, pair.firstChild);
    pair.classList.add("with-chart");
    var max = Number(table.getAttribute("data-y-max") || "100");
    new window.Chart(canvas, {
      type: kind,
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: true,
        aspectRatio: 1.6,
        animation: still ? false : { duration: 250 },
        scales: { y: { min: 0, max: max, ticks: { callback: function (v) { return v + "%"; } } } },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } }
      }
    });
  }

  function start() {
    document.querySelectorAll("table[data-chart]").forEach(draw);
    document.documentElement.setAttribute("data-charts", "drawn");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
