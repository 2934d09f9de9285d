// Site behaviour, framework-free. Everything works without JavaScript; this only improves it.
(() => {
  "use strict";

  // Mobile menu toggle: the menu is visible without JavaScript; with it, small screens fold it
  // behind the button (aria-expanded tells assistive technology whether it is open).
  function initMenuToggle() {
    const toggle = document.querySelector(".menu-toggle");
    const nav = document.querySelector(".site-nav");
    if (!toggle || !nav) return;

    const setOpen = (open) => {
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    };

    toggle.addEventListener("click", () => {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    // Escape closes the open menu and returns focus to the button.
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        if (nav.contains(document.activeElement)) toggle.focus();
      }
    });

    // Back on a wide screen, where the menu is always shown, forget the open state.
    const wide = window.matchMedia("(min-width: 48rem)");
    wide.addEventListener("change", (event) => {
      if (event.matches) setOpen(false);
    });
  }

  // Closed FAQ answers would be left out of a printout: open them before printing.
  function initPrintDetails() {
    const opened = [];
    window.addEventListener("beforeprint", () => {
      document.querySelectorAll("details:not([open])").forEach((details) => {
        details.open = true;
        opened.push(details);
      });
    });
    window.addEventListener("afterprint", () => {
      opened.splice(0).forEach((details) => {
        details.open = false;
      });
    });
  }

  function init() {
    initMenuToggle();
    initPrintDetails();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
