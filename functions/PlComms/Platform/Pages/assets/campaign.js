// The campaign page, live: while a campaign is planned and sent, read the page again every few seconds and put its
// progress in place, so the officer watches it move without the page reloading (and losing their place). The status
// line is a role=status region, so a screen reader hears the new figures. Without script the page's <noscript> meta
// refresh reloads it instead. Nothing is sent but a GET of the page itself.
(function () {
  'use strict';
  var region = document.getElementById('campaign-live');
  if (!region || region.getAttribute('data-live') !== 'true' || !window.fetch || !window.DOMParser) return;
  var every = (parseInt(region.getAttribute('data-every'), 10) || 5) * 1000;
  var failures = 0;

  function schedule(delay) { window.setTimeout(refresh, delay); }

  function refresh() {
    window.fetch(window.location.href, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        // A redirect (the session ended) or an error: keep what is shown and try again a little later.
        if (!response.ok || response.redirected) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (html) {
        failures = 0;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('campaign-live');
        if (!fresh) return;
        var status = document.getElementById('live-status');
        var freshStatus = fresh.querySelector('#live-status');
        // Everything but the status line is replaced; the status line only changes its words, so it is announced once per change.
        Array.prototype.slice.call(region.children).forEach(function (child) { if (child !== status) region.removeChild(child); });
        Array.prototype.slice.call(fresh.children).forEach(function (child) {
          if (child.id !== 'live-status') region.appendChild(document.importNode(child, true));
        });
        if (status && freshStatus && status.innerHTML !== freshStatus.innerHTML) status.innerHTML = freshStatus.innerHTML;
        if (fresh.getAttribute('data-live') === 'true') schedule(every);
        else {
          region.setAttribute('data-live', 'false');
          // "Updating every 5 seconds" is no longer true.
          var controls = document.getElementById('live-controls');
          if (controls) controls.hidden = true;
        }
      })
      .catch(function () {
        failures += 1;
        if (failures < 20) schedule(every * 2);
      });
  }

  schedule(every);
})();
