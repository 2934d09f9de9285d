// Site notices: each can be dismissed, and stays dismissed for this visitor (localStorage) in
// both languages. A notice that has ended by the visitor's clock is hidden even on a page that
// a cache kept. Loaded right after the notices (not deferred), so a dismissed notice never
// flashes. Framework-free.
(() => {
  "use strict";

  const PREFIX = "guoping.notice.dismissed:";

  function stored(key) {
    try {
      return window.localStorage.getItem(PREFIX + key) !== null;
    } catch (error) {
      return false; // storage blocked: the notice stays
    }
  }

  function remember(key) {
    try {
      window.localStorage.setItem(PREFIX + key, String(Date.now()));
    } catch (error) {
      // storage blocked: dismissed for this page view only
    }
  }

  function removeEmptyRegion(region) {
    if (region && !region.querySelector("[data-notice]:not([hidden])")) region.hidden = true;
  }

  const now = Date.now() / 1000;
  document.querySelectorAll("[data-notice]").forEach((notice) => {
    const key = notice.dataset.notice;
    const ends = Number(notice.dataset.noticeEnds || 0);
    const region = notice.closest(".notices");
    if (stored(key) || (ends && ends <= now)) {
      notice.hidden = true;
      removeEmptyRegion(region);
      return;
    }
    const button = notice.querySelector("[data-notice-dismiss]");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      remember(key);
      notice.hidden = true;
      removeEmptyRegion(region);
      // Keep keyboard focus in the page: the next notice's button, or the main content.
      const next = region && region.querySelector("[data-notice]:not([hidden]) [data-notice-dismiss]");
      (next || document.getElementById("main")).focus();
    });
  });
})();
