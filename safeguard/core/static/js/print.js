// The Print button of a printable form: shown only when this script runs, and it opens the browser's print dialogue.
// A file, not inline script: the Content-Security-Policy allows none.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
