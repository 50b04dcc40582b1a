// Dashboard UI text in the Dashboard's locale (EN, RO, PL, CS), following `localeChanged`.
// Each view registers its catalogue: SaleorReturnsI18n.register({en: {...}, ro: {...}, ...});
// elements with `data-i18n="key"` are translated in place; `t(key, {name: value})` formats.
(function () {
  "use strict";
  const catalogues = { en: {}, ro: {}, pl: {}, cs: {} };
  let language = "en";

  function languageOf(locale) {
    const code = String(locale || "en").toLowerCase().replace("_", "-").split("-")[0];
    return Object.prototype.hasOwnProperty.call(catalogues, code) ? code : "en";
  }

  function t(key, values) {
    const text = catalogues[language][key] || catalogues.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, name) {
      return values && name in values ? String(values[name]) : "{" + name + "}";
    });
  }

  function translatePage(root) {
    (root || document).querySelectorAll("[data-i18n]").forEach(function (element) {
      element.textContent = t(element.dataset.i18n);
    });
    (root || document).querySelectorAll("[data-i18n-placeholder]").forEach(function (element) {
      element.placeholder = t(element.dataset.i18nPlaceholder);
    });
    (root || document).querySelectorAll("[data-i18n-aria-label]").forEach(function (element) {
      element.setAttribute("aria-label", t(element.dataset.i18nAriaLabel));
    });
  }

  // `key.one`, `key.few`, ... by the language's plural rules (falls back to `key.other`).
  function tp(key, count, values) {
    const category = new Intl.PluralRules(language).select(count);
    const chosen = key + "." + category;
    const text = t(chosen, Object.assign({ count: count }, values));
    return text === chosen ? t(key + ".other", Object.assign({ count: count }, values)) : text;
  }

  const listeners = [];
  window.SaleorReturnsI18n = {
    register: function (messages) {
      Object.keys(messages).forEach(function (code) {
        Object.assign(catalogues[code] || (catalogues[code] = {}), messages[code]);
      });
    },
    t: t,
    tp: tp,
    language: function () { return language; },
    translatePage: translatePage,
    onChange: function (listener) { listeners.push(listener); },
    setLocale: function (locale) {
      language = languageOf(locale);
      document.documentElement.lang = language;
      translatePage();
      listeners.forEach(function (listener) { listener(language); });
    },
  };
})();
