// The home page's slide show, after the WAI-ARIA APG carousel pattern (auto-rotating, with a
// rotation control and previous/next buttons). Without JavaScript the first slide is shown and
// the others stay hidden. Framework-free.
(() => {
  "use strict";

  const INTERVAL = 6000; // ms a slide stays before the next one

  function initCarousel(root) {
    const slides = Array.from(root.querySelectorAll(".hero__slide"));
    const controls = root.querySelector("[data-carousel-controls]");
    const container = root.querySelector(".carousel__slides");
    const rotation = root.querySelector("[data-carousel-rotation]");
    const icon = rotation.querySelector(".carousel__icon");
    const position = root.querySelector("[data-carousel-position]");
    if (slides.length < 2 || !controls) return;

    const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    let current = 0;
    // Rotation is on unless the visitor asked for less motion, or stopped it.
    let rotating = !reducedMotion.matches;
    let hovered = false;
    let timer = null;

    function show(index) {
      current = (index + slides.length) % slides.length;
      slides.forEach((slide, i) => {
        slide.hidden = i !== current;
      });
      position.textContent = `${current + 1} / ${slides.length}`;
      // Fetch the next slide's picture ahead of time (they load lazily).
      const next = slides[(current + 1) % slides.length].querySelector("img[loading='lazy']");
      if (next) next.loading = "eager";
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = null;
      if (rotating && !hovered) {
        timer = window.setTimeout(() => {
          show(current + 1);
          schedule();
        }, INTERVAL);
      }
    }

    function setRotating(on) {
      rotating = on;
      const label = on ? rotation.dataset.labelStop : rotation.dataset.labelStart;
      rotation.setAttribute("aria-label", label);
      icon.classList.toggle("carousel__icon--pause", on);
      icon.classList.toggle("carousel__icon--play", !on);
      // Announce slide changes only when they are the visitor's own doing.
      container.setAttribute("aria-live", on ? "off" : "polite");
      schedule();
    }

    // Every slide gets the height of the tallest, so the page does not jump as they change.
    function equaliseHeights() {
      const inners = slides.map((slide) => slide.querySelector(".hero__inner"));
      inners.forEach((inner) => {
        inner.style.minHeight = "";
      });
      let tallest = 0;
      slides.forEach((slide, i) => {
        const wasHidden = slide.hidden;
        slide.hidden = false;
        tallest = Math.max(tallest, inners[i].offsetHeight);
        slide.hidden = wasHidden;
      });
      inners.forEach((inner) => {
        inner.style.minHeight = `${tallest}px`;
      });
    }

    controls.hidden = false;
    root.classList.add("is-enhanced");
    root.querySelector("[data-carousel-previous]").addEventListener("click", () => {
      show(current - 1);
    });
    root.querySelector("[data-carousel-next]").addEventListener("click", () => {
      show(current + 1);
    });
    rotation.addEventListener("click", () => setRotating(!rotating));

    // Keyboard focus inside the carousel stops rotation for good (until the visitor restarts
    // it); the mouse over it pauses it while it is there.
    root.addEventListener("focusin", (event) => {
      if (event.target !== rotation && rotating) setRotating(false);
    });
    root.addEventListener("mouseenter", () => {
      hovered = true;
      schedule();
    });
    root.addEventListener("mouseleave", () => {
      hovered = false;
      schedule();
    });
    root.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        if (event.target.closest("input, textarea, select")) return;
        show(current + (event.key === "ArrowRight" ? 1 : -1));
        event.preventDefault();
      }
    });
    reducedMotion.addEventListener("change", (event) => {
      if (event.matches) setRotating(false);
    });
    window.addEventListener("resize", equaliseHeights);

    show(0);
    equaliseHeights();
    setRotating(rotating);
  }

  function init() {
    document.querySelectorAll("[data-carousel]").forEach(initCarousel);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
