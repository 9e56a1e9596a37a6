// Survey page: when the page was opened from an answer button in the email, send that one answer once a person is
// plainly here (the page is visible and focused, and they moved, touched, scrolled or pressed a key). Mail scanners
// fetch links and may even render them, but they do not do that. Without this script the visible button sends the
// whole form, which is how every answer is recorded anyway.
(function () {
  'use strict';
  var form = document.getElementById('survey-form');
  if (!form || form.getAttribute('data-autosubmit') !== 'true') return;
  var status = document.getElementById('status');
  var sent = false;
  var armed = false;

  function present() {
    return document.visibilityState === 'visible' && document.hasFocus();
  }

  function send() {
    if (sent || !present()) return;
    var chosen = form.querySelector('input[data-headline]:checked');
    if (!chosen) return;
    sent = true;
    var data = new FormData();
    var fields = form.querySelectorAll('input[type=hidden]');
    for (var i = 0; i < fields.length; i++) data.append(fields[i].name, fields[i].value);
    data.set('channel', 'email-click');
    data.append(chosen.name, chosen.value);
    fetch(window.location.href, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        status.textContent = form.getAttribute('data-saved');
      })
      .catch(function () { sent = false; });
  }

  function arm() {
    if (armed) return;
    armed = true;
    // A short pause after the first sign of a person, so a page flashed open and shut sends nothing.
    window.setTimeout(send, 400);
  }

  ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'scroll', 'wheel'].forEach(function (type) {
    window.addEventListener(type, arm, { once: true, passive: true });
  });
  form.addEventListener('submit', function () { sent = true; });
})();
