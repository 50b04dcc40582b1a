// A minimal App Bridge: the Saleor Dashboard hands the app a token over postMessage.
// Messages are accepted only from the Dashboard's own origin (the iframe's referrer).
(function () {
  "use strict";
  const params = new URLSearchParams(window.location.search);
  const dashboardOrigin = document.referrer ? new URL(document.referrer).origin : null;
  const state = { token: null, saleorApiUrl: params.get("saleorApiUrl"), listeners: [] };

  function send(type, payload) {
    if (!dashboardOrigin) return;
    const actionId = Math.random().toString(36).slice(2);
    window.parent.postMessage({ type, payload: Object.assign({ actionId }, payload) }, dashboardOrigin);
  }

  function applyTheme(theme) {
    document.documentElement.dataset.theme = theme === "dark" ? "dark" : "light";
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== dashboardOrigin || !event.data || !event.data.type) return;
    const type = event.data.type;
    const payload = event.data.payload || {};
    if (type === "handshake" || type === "tokenRefresh") {
      state.token = payload.token;
      state.listeners.forEach(function (listener) { listener(state.token); });
    } else if (type === "theme") {
      applyTheme(payload.theme);
    }
  });

  applyTheme(params.get("theme"));

  window.SaleorReturnsBridge = {
    onToken: function (listener) {
      state.listeners.push(listener);
      if (state.token) listener(state.token);
    },
    fetch: function (path, options) {
      const headers = Object.assign({}, (options || {}).headers, {
        "authorization-bearer": state.token,
        "saleor-api-url": state.saleorApiUrl,
      });
      return window.fetch(path, Object.assign({}, options, { headers }));
    },
  };
  // Listen first, then announce: the Dashboard answers notifyReady with a handshake.
  send("notifyReady", {});
})();
