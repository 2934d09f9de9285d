// Analytics only after consent. The banner (components/consent_banner.html) carries the
// script's address; the visitor's choice is kept in localStorage, so the banner asks once.
// "Analytics settings" in the footer (data-consent-reset) asks again. No inline script: the
// Content Security Policy allows exactly the configured analytics origin.
(() => {
  "use strict";

  const banner = document.getElementById("consent-banner");
  if (!banner) return;
  const key = banner.dataset.storageKey;

  const read = () => {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null; // storage blocked: ask every time, load nothing
    }
  };
  const write = (value) => {
    try {
      window.localStorage.setItem(key, value);
    } catch (error) {
      /* storage blocked: the choice holds for this page only */
    }
  };

  let loaded = false;
  const load = () => {
    if (loaded) return;
    loaded = true;
    if (banner.dataset.provider === "baidu") {
      window._hmt = window._hmt || [];
    }
    const script = document.createElement("script");
    script.src = banner.dataset.src;
    script.async = true;
    script.dataset.analytics = banner.dataset.provider;
    document.head.appendChild(script);
  };

  const show = () => {
    banner.hidden = false;
  };

  banner.addEventListener("click", (event) => {
    const button = event.target.closest("[data-consent]");
    if (!button) return;
    const choice = button.dataset.consent;
    write(choice);
    banner.hidden = true;
    if (choice === "granted") load();
  });

  document.querySelectorAll("[data-consent-reset-sep]").forEach((sep) => {
    sep.hidden = false;
  });
  document.querySelectorAll("[data-consent-reset]").forEach((link) => {
    link.hidden = false;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      show();
      const first = banner.querySelector("[data-consent]");
      if (first) first.focus();
    });
  });

  const choice = read();
  if (choice === "granted") load();
  else if (choice !== "denied") show();
})();
