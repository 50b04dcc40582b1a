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

  window.SaleorReturnsUI = {
    formatMoney: formatMoney,
    formatDate: formatDate,
    statusTone: statusTone,
    errorMessage: errorMessage,
    clearFieldErrors: clearFieldErrors,
  };
})();
