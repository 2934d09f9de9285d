// The phone contact bar: its WeChat button opens the QR code in a dialog (without JavaScript it
// leads to the QR code in the footer), and the bar steps aside while the inquiry form is on
// screen so that it never covers the form's submit button. Framework-free.
(() => {
  "use strict";

  function initWeChatDialog() {
    document.querySelectorAll("[data-wechat-dialog]").forEach((link) => {
      const dialog = document.getElementById(link.dataset.wechatDialog);
      if (!dialog || typeof dialog.showModal !== "function") return;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        dialog.showModal();
      });
      // A click on the backdrop closes it too.
      dialog.addEventListener("click", (event) => {
        if (event.target === dialog) dialog.close();
      });
    });
  }

  function initFormWatch(dock) {
    const form = document.querySelector("form.inquiry-form");
    if (!form || !("IntersectionObserver" in window)) return;
    const observer = new IntersectionObserver((entries) => {
      const onScreen = entries.some((entry) => entry.isIntersecting);
      dock.classList.toggle("is-hidden", onScreen);
    });
    observer.observe(form);
  }

  function init() {
    const dock = document.querySelector("[data-contact-dock]");
    if (!dock) return;
    initWeChatDialog();
    initFormWatch(dock);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
