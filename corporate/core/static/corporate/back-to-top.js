// The back-to-top button appears once the visitor has scrolled one screen down. Framework-free.
(() => {
  "use strict";

  function init() {
    const button = document.querySelector("[data-back-to-top]");
    if (!button) return;
    let ticking = false;

    const update = () => {
      ticking = false;
      button.hidden = window.scrollY < window.innerHeight;
    };

    window.addEventListener(
      "scroll",
      () => {
        if (!ticking) {
          ticking = true;
          window.requestAnimationFrame(update);
        }
      },
      { passive: true }
    );

    button.addEventListener("click", (event) => {
      event.preventDefault();
      const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      window.scrollTo({ top: 0, behavior: smooth ? "smooth" : "auto" });
      // Keyboard users continue from the top of the page, not from the button.
      const brand = document.querySelector(".brand");
      if (brand) brand.focus({ preventScroll: true });
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
