// Helpers shared by the Dashboard views (inbox, detail, settings, create return, order widget):
// formatting for the current language (SaleorReturnsI18n), status badge tones, GraphQL error
// extraction and clearing field errors. Load after i18n.js and before the view script.
(function () {
  "use strict";
  function language() { return window.SaleorReturnsI18n.language(); }

  // A money value ({amount, currency}) in the current language; "amount CUR" when Intl can't.
  function formatMoney(money) {
    try {
      return new Intl.NumberFormat(language(), { style: "currency", currency: money.currency })
        .format(Number(money.amount));
    } catch (_) {
      return money.amount + " " + money.currency;
    }
  }

  // A date (`withTime`: and its time) in the current language.
  function formatDate(value, withTime) {
    const options = withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" };
    return new Intl.DateTimeFormat(language(), options).format(new Date(value));
  }

  // Return status → dashboard.css badge tone.
  const STATUS_TONES = {
    NEEDS_REVIEW: "warning", REQUESTED: "info", APPROVED: "info", LABEL_ISSUED: "info",
    IN_TRANSIT: "info", RECEIVED: "info", INSPECTED: "info", REFUNDED: "success",
    EXCHANGED: "success", STORE_CREDIT: "success", CLOSED: "neutral", REJECTED: "critical",
    CANCELLED: "neutral",
  };
  function statusTone(status) { return STATUS_TONES[status] || "neutral"; }

  // The first top-level GraphQL error's message, or null.
  function errorMessage(body) {
    if (body && body.errors && body.errors.length) return body.errors[0].message;
    return null;
  }

  // Empties and hides every `[data-error-for]` slot in scope and drops `aria-invalid` marks.
  function clearFieldErrors(scope) {
    scope.querySelectorAll("[data-error-for]").forEach(function (node) {
      node.hidden = true;
      node.textContent = "";
    });
    scope.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
  }

  // A new element with an optional class and text.
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Runs a mutation. Resolves {payload, errors: [{field, code, message}]}: the payload's errors,
  // or the request's top-level refusal (PERMISSION_DENIED...) as one error without a field;
  // `unreachable` is the message when the app did not answer.
  function mutate(query, variables, name, unreachable) {
    return window.SaleorReturnsBridge.graphql(query, variables).then(
      function (body) {
        const payload = body && body.data ? body.data[name] : null;
        if (payload) return { payload: payload, errors: payload.errors || [] };
        const top = (body && body.errors) || [];
        return {
          payload: null,
          errors: top.length
            ? top.map(function (e) { return { field: null, code: (e.extensions || {}).code, message: e.message }; })
            : [{ field: null, code: "UNKNOWN", message: unreachable }],
        };
      },
      function () {
        return { payload: null, errors: [{ field: null, code: "UNREACHABLE", message: unreachable }] };
      }
    );
  }

  // Shows each API error in the `[data-error-for]` slot of its field path, or of the nearest
  // parent path (`rules.2.accountId`, then `rules.2`, then `rules`), and marks the closest
  // `fieldSelector` element invalid. Returns the messages no slot took.
  function placeErrors(root, errors, fieldSelector) {
    const unplaced = [];
    errors.forEach(function (error) {
      let path = String(error.field || "");
      let target = null;
      while (path && !target) {
        target = root.querySelector('[data-error-for="' + path + '"]');
        if (!target) path = path.indexOf(".") === -1 ? "" : path.slice(0, path.lastIndexOf("."));
      }
      if (!target) {
        unplaced.push(error.message);
        return;
      }
      target.hidden = false;
      target.textContent = target.textContent ? target.textContent + " " + error.message : error.message;
      const field = target.closest(fieldSelector);
      if (!field) return;
      field.classList.add("is-invalid");
      const input = field.querySelector("input, select, textarea");
      if (input) input.setAttribute("aria-invalid", "true");
    });
    return unplaced;
  }

  // Whether the Dashboard user may change the app's settings (MANAGE_APPS). When the session
  // cannot be read the forms stay editable: the API decides and its refusal is shown.
  function canManageApps() {
    return window.SaleorReturnsBridge.fetch("/api/session").then(
      function (response) { return response.ok ? response.json() : null; },
      function () { return null; }
    ).then(function (session) {
      return !session || (session.permissions || []).indexOf("MANAGE_APPS") !== -1;
    });
  }

  window.SaleorReturnsUI = {
    make: make,
    mutate: mutate,
    placeErrors: placeErrors,
    canManageApps: canManageApps,
    formatMoney: formatMoney,
    formatDate: formatDate,
    statusTone: statusTone,
    errorMessage: errorMessage,
    clearFieldErrors: clearFieldErrors,
  };
})();
