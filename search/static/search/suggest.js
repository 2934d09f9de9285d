/* Header search suggestions: an ARIA 1.2 combobox (input + listbox), no framework.
   The form carries data-suggest-url; the endpoint answers
   {query, suggestions: [{title, url, section}], message} in the page's language. */
(function () {
  "use strict";

  var script = document.currentScript;
  var form = document.querySelector("form[data-suggest-url]");
  var input = document.getElementById("header-search-input");
  if (!form || !input || !window.fetch) return;

  // The list's styles live in search.css; load it on pages that do not have it yet.
  if (script && !document.querySelector('link[href$="search/search.css"]')) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = script.src.replace(/suggest\.js(\?.*)?$/, "search.css");
    document.head.appendChild(link);
  }

  var url = form.getAttribute("data-suggest-url");
  var listId = "header-search-suggestions";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;

  var status = document.createElement("div");
  status.className = "visually-hidden search-suggest__status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  form.classList.add("search-suggest-host");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  var items = [];
  var active = -1;
  var timer = null;
  var controller = null;
  var lastQuery = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    items.forEach(function (li, i) {
      li.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(data) {
    list.textContent = "";
    items = (data.suggestions || []).map(function (s, i) {
      var li = document.createElement("li");
      li.id = listId + "-" + i;
      li.className = "search-suggest__option";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.url = s.url;
      var title = document.createElement("span");
      title.className = "search-suggest__title";
      title.textContent = s.title;
      li.appendChild(title);
      if (s.section) {
        var section = document.createElement("span");
        section.className = "search-suggest__section";
        section.textContent = s.section;
        li.appendChild(section);
      }
      li.addEventListener("mousedown", function (event) {
        event.preventDefault(); // keep focus in the input until we navigate
      });
      li.addEventListener("click", function () {
        window.location.href = s.url;
      });
      list.appendChild(li);
      return li;
    });
    status.textContent = data.message || "";
    active = -1;
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (!q) {
      render({ suggestions: [] });
      return;
    }
    if (controller) controller.abort();
    controller = "AbortController" in window ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (input.value.trim() === q) render(data);
      })
      .catch(function () {
        /* aborted or offline: the form still submits */
      });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden && items.length > 0;
    switch (event.key) {
      case "ArrowDown":
        if (!open) {
          lastQuery = null;
          fetchSuggestions();
          return;
        }
        event.preventDefault();
        setActive(active + 1 >= items.length ? 0 : active + 1);
        break;
      case "ArrowUp":
        if (!open) return;
        event.preventDefault();
        setActive(active - 1 < 0 ? items.length - 1 : active - 1);
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault();
          window.location.href = items[active].dataset.url;
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        }
        break;
    }
  });

  input.addEventListener("blur", function () {
    setTimeout(close, 100);
  });
})();
