// App Bridge: how our views talk to the Saleor Dashboard that frames them.
// Messages are accepted only from the Dashboard's own origin (the iframe's referrer); the token
// comes from `handshake` / `tokenRefresh` and goes out on every API call, never in a cookie.
(function () {
  "use strict";
  const params = new URLSearchParams(window.location.search);
  const dashboardOrigin = (function () {
    // The Dashboard is the frame's parent. Chromium and Safari name it in ancestorOrigins,
    // which survives moving between our own views inside the frame; elsewhere the referrer
    // of the first view names it, remembered for the tab where the browser allows storage
    // (third-party storage is often denied: then the referrer alone must do).
    const ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length) return ancestors[0];
    const key = "saleorReturns.dashboardOrigin";
    const referrer = document.referrer ? new URL(document.referrer).origin : null;
    try {
      if (referrer && referrer !== window.location.origin) {
        window.sessionStorage.setItem(key, referrer);
        return referrer;
      }
      return window.sessionStorage.getItem(key);
    } catch (denied) {
      return referrer !== window.location.origin ? referrer : null;
    }
  })();
  const state = {
    token: null,
    saleorApiUrl: params.get("saleorApiUrl"),
    locale: document.documentElement.lang || "en",
    tokenListeners: [],
    localeListeners: [],
    pending: {},
  };

  function newActionId() {
    return Math.random().toString(36).slice(2) + Date.now().toString(36);
  }

  // Send an action; resolves with the Dashboard's `response` payload (`ok` true or false).
  function dispatch(type, payload) {
    if (!dashboardOrigin) return Promise.resolve({ ok: false });
    const actionId = newActionId();
    return new Promise(function (resolve) {
      state.pending[actionId] = resolve;
      window.parent.postMessage(
        { type, payload: Object.assign({ actionId }, payload) },
        dashboardOrigin
      );
    });
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
      state.tokenListeners.forEach(function (listener) { listener(state.token); });
    } else if (type === "theme") {
      applyTheme(payload.theme);
    } else if (type === "localeChanged") {
      state.locale = payload.locale || "en";
      state.localeListeners.forEach(function (listener) { listener(state.locale); });
    } else if (type === "response") {
      const resolve = state.pending[payload.actionId];
      delete state.pending[payload.actionId];
      if (resolve) resolve(payload);
    }
  });

  applyTheme(params.get("theme"));

  function authorisedFetch(path, options) {
    const headers = Object.assign({}, (options || {}).headers, {
      "authorization-bearer": state.token,
      "saleor-api-url": state.saleorApiUrl,
    });
    return window.fetch(path, Object.assign({}, options, { headers }));
  }

  // A link to another of our views, keeping the Dashboard's query parameters.
  function viewUrl(path, extra) {
    const query = new URLSearchParams(params);
    Object.keys(extra || {}).forEach(function (key) { query.set(key, extra[key]); });
    return path + "?" + query.toString();
  }

  window.SaleorReturnsBridge = {
    params: params,
    viewUrl: viewUrl,
    onToken: function (listener) {
      state.tokenListeners.push(listener);
      if (state.token) listener(state.token);
    },
    onLocale: function (listener) {
      state.localeListeners.push(listener);
      listener(state.locale);
    },
    fetch: authorisedFetch,
    // Our GraphQL API with the Dashboard token. Resolves `{data, errors}`; rejects only when
    // the app cannot be reached or does not answer JSON.
    graphql: function (query, variables) {
      return authorisedFetch("/graphql/", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables: variables || {} }),
      }).then(function (response) { return response.json(); });
    },
    notify: function (status, title, text) {
      return dispatch("notification", { status, title, text: text || "" });
    },
    // Navigate the Dashboard itself (e.g. to `/orders/<id>`).
    redirect: function (to) {
      return dispatch("redirect", { to, newContext: false });
    },
    refreshEntity: function () {
      return dispatch("refreshEntity", {});
    },
    resize: function (height) {
      return dispatch("widgetResize", { height });
    },
    // Close the POPUP this view is shown in.
    close: function () {
      return dispatch("popupClose", {});
    },
  };
  // Listen first, then announce: the Dashboard answers notifyReady with a handshake.
  dispatch("notifyReady", {});
})();
