// Vision form: keeps the statement preview current while the officer types. Without this script the "Update preview"
// button does the same through the server. It posts the form (with its antiforgery token) to the preview route, which
// answers the statement as text, or an explanation when a field needs fixing first.
(function () {
  'use strict';
  var form = document.getElementById('vision-form');
  var preview = document.getElementById('statement-preview');
  if (!form || !preview) return;
  var url = form.getAttribute('data-preview');
  var timer = null;
  var latest = 0;

  function refresh() {
    timer = null;
    var ticket = ++latest;
    fetch(url, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { 'Accept': 'text/plain' } })
      .then(function (response) { return response.text(); })
      .then(function (text) { if (ticket === latest) preview.textContent = text; })
      .catch(function () { /* the button still previews through the server */ });
  }

  function schedule() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
})();
