// "Copy link" on news articles: copies the address shown beside the button.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-copy-target]").forEach((button) => {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector(".share__status");
    if (!input) return;
    button.addEventListener("click", async () => {
      let message = button.dataset.copied;
      try {
        await navigator.clipboard.writeText(input.value);
      } catch (error) {
        input.select();
        message = document.execCommand && document.execCommand("copy")
          ? button.dataset.copied
          : button.dataset.failed;
      }
      if (status) status.textContent = message;
    });
  });
});
