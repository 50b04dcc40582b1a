// Keeps the tracking page current: polls the page's JSON twin and swaps in the new state.
// The server renders the fragment (escaped by Django); an unchanged state answers 304.
(function () {
  "use strict";
  const main = document.getElementById("state");
  if (!main || !window.fetch) return;
  const note = document.getElementById("live-note");
  const url = main.dataset.statusUrl;
  const seconds = Math.max(1, Number(main.dataset.pollSeconds) || 20);
  let version = main.dataset.version;
  let timer = null;
  let busy = false;

  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch(url, {
        headers: { "If-None-Match": '"' + version + '"', Accept: "application/json" },
        credentials: "same-origin",
        cache: "no-store",
      });
      if (response.status !== 200) return;
      const state = await response.json();
      version = state.version;
      main.dataset.version = version;
      main.innerHTML = state.html;
      if (note) note.textContent = main.dataset.updatedText || "";
    } catch (error) {
      // Offline or the server restarting: the next round tries again.
    } finally {
      busy = false;
    }
  }

  timer = window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh();
  });
  window.addEventListener("pagehide", function () {
    window.clearInterval(timer);
  });
})();
