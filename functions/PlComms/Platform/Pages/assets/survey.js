// Survey page: when the page was opened from an answer button in the email, send that one answer once a person is
// plainly here (the page is visible and focused, and they moved, touched, scrolled or pressed a key). Mail scanners
// fetch links and may even render them, but they do not do that. Without this script the visible button sends the
// whole form, which is how every answer is recorded anyway.
(function () {
  'use strict';
  var form = document.getElementById('survey-form');
  if (!form || form.getAttribute('data-autosubmit') !== 'true') return;
  var status = document.getElementById('status');
  var done = false;      // the headline answer is saved, or the person sent the form
  var timer = null;      // a send waiting for its short pause
  var inFlight = null;   // the send on its way, so the form waits for it rather than race it

  function present() {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  function send() {
    timer = null;
    if (done || inFlight) return;
    // Not plainly here yet (another tab, no focus): the next sign of a person tries again.
    if (!present()) return;
    var chosen = form.querySelector('input[data-headline]:checked');
    if (!chosen) return;
    var data = new FormData();
    var fields = form.querySelectorAll('input[type=hidden]');
    for (var i = 0; i < fields.length; i++) data.append(fields[i].name, fields[i].value);
    data.set('channel', 'email-click');
    data.append(chosen.name, chosen.value);
    inFlight = fetch(window.location.href, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        done = true;
        status.textContent = form.getAttribute('data-saved');
      })
      .catch(function () { /* the form's button still sends everything */ })
      .then(function () { inFlight = null; });
  }

  function arm() {
    if (done || timer || inFlight) return;
    // A short pause after a sign of a person, so a page flashed open and shut sends nothing.
    timer = window.setTimeout(send, 400);
  }

  ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'scroll', 'wheel'].forEach(function (type) {
    window.addEventListener(type, arm, { passive: true });
  });

  form.addEventListener('submit', function (event) {
    done = true;
    if (timer) { window.clearTimeout(timer); timer = null; }
    if (!inFlight) return;
    // Let the one-click answer land first, so the full form is the last word; submit() does not fire this again.
    event.preventDefault();
    inFlight.then(function () { form.submit(); });
  });
})();
