// The GOV.UK timeout warning: two minutes before an idle session ends, a dialog offers to keep it.
// "Stay signed in" (or Escape) asks the server to note activity; doing nothing lets the session end,
// and the page then reloads to the sign-in page, which says why.
export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  const idle = Number(dialog.dataset.idleSeconds) * 1000;
  const warn = Number(dialog.dataset.warnSeconds) * 1000;
  const token = document.querySelector("#sg-sign-out input[name=csrfmiddlewaretoken]");
  let timers = [];

  function start() {
    timers.forEach(clearTimeout);
    timers = [
      setTimeout(() => dialog.showModal(), Math.max(idle - warn, 0)),
      setTimeout(() => window.location.reload(), idle + 1000),
    ];
  }

  async function stay() {
    await fetch(dialog.dataset.keepAlive, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" },
    });
    if (dialog.open) {
      dialog.close();
    }
    start();
  }

  dialog.querySelector("[data-timeout-stay]").addEventListener("click", stay);
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault(); // Escape keeps the session, as the button does
    stay();
  });
  start();
}
