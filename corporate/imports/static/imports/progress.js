// A progress bar for a long import request: the form is sent with fetch() while the page asks
// the progress address (filled from the cache by the running request) twice a second.
// Without JavaScript the form is sent as usual and the page waits.
(function () {
  "use strict";
  function format(template, data) {
    return template.replace("%(done)s", data.done).replace("%(total)s", data.total);
  }
  document.querySelectorAll("form[data-import-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.fetch || !window.FormData) return;
      event.preventDefault();
      var box = form.querySelector("[data-import-progress-box]");
      var bar = form.querySelector("[data-import-progress-bar]");
      var text = form.querySelector("[data-import-progress-text]");
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      if (box) box.hidden = false;
      var timer = window.setInterval(function () {
        fetch(form.dataset.progressUrl, { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var label = text && text.dataset["label" + data.phase.charAt(0).toUpperCase() + data.phase.slice(1)];
            if (label) text.textContent = format(label, data);
            if (bar && data.total) { bar.max = data.total; bar.value = data.done; }
          })
          .catch(function () {});
      }, 500);
      fetch(form.action || window.location.href, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) {
          window.clearInterval(timer);
          if (response.redirected) { window.location.assign(response.url); return null; }
          return response.text();
        })
        .then(function (html) {
          if (html === null) return;
          document.open(); document.write(html); document.close();
        })
        .catch(function () { window.clearInterval(timer); form.submit(); });
    });
  });
})();
