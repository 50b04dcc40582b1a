// Settings → "Return reasons" and "Store" (settings_reasons.html, settings_store.html): the
// store's reason catalogue as one editable table saved whole, and the store's settings
// (storefront origins, branding, e-mail switches, hours per stage). Data comes from our GraphQL
// API with the Dashboard token (SaleorReturnsBridge); reads need MANAGE_ORDERS, writes
// MANAGE_APPS (the API decides; without it the inputs are read-only and a save shows the
// API's refusal). All text goes through SaleorReturnsI18n.
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const make = ui.make;
  const t = i18n.t;
  if (!document.getElementById("reasons-section")) return;

  // The languages every store labels its reasons in (the Dashboard's); others a store already
  // uses are shown after them.
  const BASE_LANGUAGES = ["en", "ro", "pl", "cs"];
  const SHOPPER_EVENTS = ["REQUESTED", "APPROVED", "REJECTED", "PICKUP_BOOKED", "RECEIVED", "REFUNDED"];
  const STAFF_EVENTS = ["STAFF_NEEDS_REVIEW"];
  const COLOR = /^#[0-9a-fA-F]{6}$/;
  const MAX_SLA_HOURS = 8760;

  // --- Catalogues ---------------------------------------------------------------------------
  i18n.register({
    en: {
      "reasons.title": "Return reasons", "reasons.add": "Add reason",
      "reasons.intro": "What shoppers choose from when they ask for a return, in this order. Switched-off reasons stay on past returns.",
      "reasons.save": "Save reasons", "reasons.saving": "Saving…",
      "reasons.saved": "Return reasons saved", "reasons.failed": "The return reasons were not saved",
      "reasons.fixErrors": "Check the highlighted reasons.",
      "reasons.col.code": "Code", "reasons.col.family": "Family",
      "reasons.col.required": "Shopper must add", "reasons.photo": "Photo", "reasons.comment": "Comment",
      "reasons.col.label": "Label: {language}", "reasons.col.active": "Active",
      "reasons.col.order": "Order",
      "reasons.family.CONTROLLABLE": "Store's fault", "reasons.family.CUSTOMER": "Shopper's choice",
      "reasons.used": "Used: {count}", "reasons.new": "New reason",
      "reasons.codePlaceholder": "E.g. GIFT_UNWANTED",
      "reasons.up": "Move up", "reasons.down": "Move down", "reasons.remove": "Remove",
      "reasons.labelFor": "{code}: label in {language}",
      "language.en": "English", "language.ro": "Romanian", "language.pl": "Polish", "language.cs": "Czech",
      "store.title": "Store", "store.origins": "Storefront origins",
      "store.originsHint": "Storefronts at these addresses may call the returns API from the browser, e.g. https://shop.example.com (http only for localhost).",
      "store.originsEmpty": "No storefront origins yet: storefronts cannot call the returns API from the browser.",
      "store.addOrigin": "Add origin", "store.remove": "Remove", "store.originLabel": "Storefront origin {number}",
      "store.branding": "Branding", "store.brandName": "Shop name", "store.logoUrl": "Logo URL (https)",
      "store.brandColor": "Brand colour", "store.colorPicker": "Pick the brand colour",
      "store.supportEmail": "Support e-mail", "store.preview": "Preview",
      "store.previewButton": "Start a return", "store.previewName": "Your shop",
      "store.notifications": "E-mail notifications",
      "store.notificationsNote": "E-mails are sent once notifications are enabled for the store; these switches choose which ones.",
      "store.shopperEmails": "E-mails to shoppers", "store.storeEmails": "E-mails to the store",
      "store.event.REQUESTED": "Return requested", "store.event.APPROVED": "Return approved",
      "store.event.REJECTED": "Return rejected", "store.event.PICKUP_BOOKED": "Courier pickup booked",
      "store.event.RECEIVED": "Parcel received", "store.event.REFUNDED": "Refund issued",
      "store.event.STAFF_NEEDS_REVIEW": "A return needs review",
      "store.staffEmail": "Staff e-mail address",
      "store.sla": "Time per stage",
      "store.slaHint": "Hours a return may wait in a stage before the inbox marks it overdue; 0 means no limit.",
      "store.hours": "{stage} (hours)", "store.wholeHours": "Give whole hours from 0 to 8760.",
      "store.stage.REQUESTED": "Requested", "store.stage.NEEDS_REVIEW": "Needs review",
      "store.stage.APPROVED": "Approved", "store.stage.LABEL_ISSUED": "Label issued",
      "store.stage.IN_TRANSIT": "In transit", "store.stage.RECEIVED": "Received",
      "store.stage.INSPECTED": "Inspected",
      "store.save": "Save store settings", "store.saving": "Saving…",
      "store.saved": "Store settings saved", "store.failed": "The store settings were not saved",
      "store.fixErrors": "Check the highlighted fields.",
      "store.unreachable": "The app did not answer. Check your connection and try again.",
    },
    ro: {
      "reasons.title": "Motive de retur", "reasons.add": "Adaugă motiv",
      "reasons.intro": "Motivele din care aleg cumpărătorii când cer un retur, în această ordine. Motivele dezactivate rămân pe retururile existente.",
      "reasons.save": "Salvează motivele", "reasons.saving": "Se salvează…",
      "reasons.saved": "Motivele de retur au fost salvate", "reasons.failed": "Motivele de retur nu au fost salvate",
      "reasons.fixErrors": "Verificați motivele marcate.",
      "reasons.col.code": "Cod", "reasons.col.family": "Categorie",
      "reasons.col.required": "Cumpărătorul adaugă", "reasons.photo": "Fotografie", "reasons.comment": "Comentariu",
      "reasons.col.label": "Etichetă: {language}", "reasons.col.active": "Activ",
      "reasons.col.order": "Ordine",
      "reasons.family.CONTROLLABLE": "Vina magazinului", "reasons.family.CUSTOMER": "Alegerea cumpărătorului",
      "reasons.used": "Folosit: {count}", "reasons.new": "Motiv nou",
      "reasons.codePlaceholder": "De ex. GIFT_UNWANTED",
      "reasons.up": "Mută în sus", "reasons.down": "Mută în jos", "reasons.remove": "Elimină",
      "reasons.labelFor": "{code}: eticheta în {language}",
      "language.en": "engleză", "language.ro": "română", "language.pl": "poloneză", "language.cs": "cehă",
      "store.title": "Magazin", "store.origins": "Originile magazinului online",
      "store.originsHint": "Magazinele online de la aceste adrese pot apela API-ul de retururi din browser, de ex. https://shop.example.com (http doar pentru localhost).",
      "store.originsEmpty": "Nicio origine încă: magazinele online nu pot apela API-ul de retururi din browser.",
      "store.addOrigin": "Adaugă origine", "store.remove": "Elimină", "store.originLabel": "Originea magazinului online {number}",
      "store.branding": "Identitate vizuală", "store.brandName": "Numele magazinului", "store.logoUrl": "URL logo (https)",
      "store.brandColor": "Culoarea mărcii", "store.colorPicker": "Alegeți culoarea mărcii",
      "store.supportEmail": "E-mail de asistență", "store.preview": "Previzualizare",
      "store.previewButton": "Începe un retur", "store.previewName": "Magazinul dvs.",
      "store.notifications": "Notificări prin e-mail",
      "store.notificationsNote": "E-mailurile sunt trimise după ce notificările sunt activate pentru magazin; aceste comutatoare aleg care dintre ele.",
      "store.shopperEmails": "E-mailuri către cumpărători", "store.storeEmails": "E-mailuri către magazin",
      "store.event.REQUESTED": "Retur solicitat", "store.event.APPROVED": "Retur aprobat",
      "store.event.REJECTED": "Retur respins", "store.event.PICKUP_BOOKED": "Ridicare prin curier programată",
      "store.event.RECEIVED": "Colet primit", "store.event.REFUNDED": "Rambursare efectuată",
      "store.event.STAFF_NEEDS_REVIEW": "Un retur trebuie verificat",
      "store.staffEmail": "Adresa de e-mail a echipei",
      "store.sla": "Timp pe etapă",
      "store.slaHint": "Orele cât poate aștepta un retur într-o etapă până când lista îl marchează ca întârziat; 0 înseamnă fără limită.",
      "store.hours": "{stage} (ore)", "store.wholeHours": "Introduceți un număr întreg de ore, de la 0 la 8760.",
      "store.stage.REQUESTED": "Solicitat", "store.stage.NEEDS_REVIEW": "De verificat",
      "store.stage.APPROVED": "Aprobat", "store.stage.LABEL_ISSUED": "Etichetă emisă",
      "store.stage.IN_TRANSIT": "În tranzit", "store.stage.RECEIVED": "Primit",
      "store.stage.INSPECTED": "Verificat",
      "store.save": "Salvează setările magazinului", "store.saving": "Se salvează…",
      "store.saved": "Setările magazinului au fost salvate", "store.failed": "Setările magazinului nu au fost salvate",
      "store.fixErrors": "Verificați câmpurile marcate.",
      "store.unreachable": "Aplicația nu a răspuns. Verificați conexiunea și încercați din nou.",
    },
    pl: {
      "reasons.title": "Powody zwrotów", "reasons.add": "Dodaj powód",
      "reasons.intro": "Spośród tych powodów, w tej kolejności, wybierają klienci zgłaszający zwrot. Wyłączone powody pozostają na wcześniejszych zwrotach.",
      "reasons.save": "Zapisz powody", "reasons.saving": "Zapisywanie…",
      "reasons.saved": "Powody zwrotów zapisane", "reasons.failed": "Powody zwrotów nie zostały zapisane",
      "reasons.fixErrors": "Sprawdź zaznaczone powody.",
      "reasons.col.code": "Kod", "reasons.col.family": "Rodzaj",
      "reasons.col.required": "Klient dodaje", "reasons.photo": "Zdjęcie", "reasons.comment": "Komentarz",
      "reasons.col.label": "Etykieta: {language}", "reasons.col.active": "Aktywny",
      "reasons.col.order": "Kolejność",
      "reasons.family.CONTROLLABLE": "Wina sklepu", "reasons.family.CUSTOMER": "Decyzja klienta",
      "reasons.used": "Użyto: {count}", "reasons.new": "Nowy powód",
      "reasons.codePlaceholder": "Np. GIFT_UNWANTED",
      "reasons.up": "W górę", "reasons.down": "W dół", "reasons.remove": "Usuń",
      "reasons.labelFor": "{code}: etykieta w języku {language}",
      "language.en": "angielski", "language.ro": "rumuński", "language.pl": "polski", "language.cs": "czeski",
      "store.title": "Sklep", "store.origins": "Adresy sklepów internetowych",
      "store.originsHint": "Sklepy internetowe pod tymi adresami mogą wywoływać API zwrotów z przeglądarki, np. https://shop.example.com (http tylko dla localhost).",
      "store.originsEmpty": "Brak adresów: sklepy internetowe nie mogą wywoływać API zwrotów z przeglądarki.",
      "store.addOrigin": "Dodaj adres", "store.remove": "Usuń", "store.originLabel": "Adres sklepu internetowego {number}",
      "store.branding": "Wygląd marki", "store.brandName": "Nazwa sklepu", "store.logoUrl": "Adres logo (https)",
      "store.brandColor": "Kolor marki", "store.colorPicker": "Wybierz kolor marki",
      "store.supportEmail": "E-mail obsługi klienta", "store.preview": "Podgląd",
      "store.previewButton": "Rozpocznij zwrot", "store.previewName": "Twój sklep",
      "store.notifications": "Powiadomienia e-mail",
      "store.notificationsNote": "E-maile są wysyłane, gdy powiadomienia zostaną włączone dla sklepu; te przełączniki wybierają, które z nich.",
      "store.shopperEmails": "E-maile do klientów", "store.storeEmails": "E-maile do sklepu",
      "store.event.REQUESTED": "Zwrot zgłoszony", "store.event.APPROVED": "Zwrot zaakceptowany",
      "store.event.REJECTED": "Zwrot odrzucony", "store.event.PICKUP_BOOKED": "Odbiór kurierski zamówiony",
      "store.event.RECEIVED": "Paczka odebrana", "store.event.REFUNDED": "Zwrot pieniędzy wykonany",
      "store.event.STAFF_NEEDS_REVIEW": "Zwrot wymaga weryfikacji",
      "store.staffEmail": "Adres e-mail zespołu",
      "store.sla": "Czas na etap",
      "store.slaHint": "Liczba godzin, przez które zwrot może czekać na danym etapie, zanim lista oznaczy go jako opóźniony; 0 oznacza brak limitu.",
      "store.hours": "{stage} (godziny)", "store.wholeHours": "Podaj pełne godziny od 0 do 8760.",
      "store.stage.REQUESTED": "Zgłoszony", "store.stage.NEEDS_REVIEW": "Do weryfikacji",
      "store.stage.APPROVED": "Zaakceptowany", "store.stage.LABEL_ISSUED": "Etykieta wydana",
      "store.stage.IN_TRANSIT": "W drodze", "store.stage.RECEIVED": "Odebrany",
      "store.stage.INSPECTED": "Sprawdzony",
      "store.save": "Zapisz ustawienia sklepu", "store.saving": "Zapisywanie…",
      "store.saved": "Ustawienia sklepu zapisane", "store.failed": "Ustawienia sklepu nie zostały zapisane",
      "store.fixErrors": "Sprawdź zaznaczone pola.",
      "store.unreachable": "Aplikacja nie odpowiedziała. Sprawdź połączenie i spróbuj ponownie.",
    },
    cs: {
      "reasons.title": "Důvody vrácení", "reasons.add": "Přidat důvod",
      "reasons.intro": "Z těchto důvodů v tomto pořadí vybírají zákazníci, když žádají o vrácení. Vypnuté důvody zůstávají u dřívějších vratek.",
      "reasons.save": "Uložit důvody", "reasons.saving": "Ukládání…",
      "reasons.saved": "Důvody vrácení uloženy", "reasons.failed": "Důvody vrácení nebyly uloženy",
      "reasons.fixErrors": "Zkontrolujte označené důvody.",
      "reasons.col.code": "Kód", "reasons.col.family": "Druh",
      "reasons.col.required": "Zákazník přidá", "reasons.photo": "Fotografie", "reasons.comment": "Komentář",
      "reasons.col.label": "Popisek: {language}", "reasons.col.active": "Aktivní",
      "reasons.col.order": "Pořadí",
      "reasons.family.CONTROLLABLE": "Chyba obchodu", "reasons.family.CUSTOMER": "Volba zákazníka",
      "reasons.used": "Použito: {count}", "reasons.new": "Nový důvod",
      "reasons.codePlaceholder": "Např. GIFT_UNWANTED",
      "reasons.up": "Nahoru", "reasons.down": "Dolů", "reasons.remove": "Odebrat",
      "reasons.labelFor": "{code}: popisek v jazyce {language}",
      "language.en": "angličtina", "language.ro": "rumunština", "language.pl": "polština", "language.cs": "čeština",
      "store.title": "Obchod", "store.origins": "Adresy e-shopů",
      "store.originsHint": "E-shopy na těchto adresách mohou volat API vratek z prohlížeče, např. https://shop.example.com (http jen pro localhost).",
      "store.originsEmpty": "Zatím žádné adresy: e-shopy nemohou volat API vratek z prohlížeče.",
      "store.addOrigin": "Přidat adresu", "store.remove": "Odebrat", "store.originLabel": "Adresa e-shopu {number}",
      "store.branding": "Vzhled značky", "store.brandName": "Název obchodu", "store.logoUrl": "URL loga (https)",
      "store.brandColor": "Barva značky", "store.colorPicker": "Vyberte barvu značky",
      "store.supportEmail": "E-mail podpory", "store.preview": "Náhled",
      "store.previewButton": "Zahájit vrácení", "store.previewName": "Váš obchod",
      "store.notifications": "E-mailová oznámení",
      "store.notificationsNote": "E-maily se odesílají, jakmile jsou pro obchod zapnuta oznámení; tyto přepínače určují které.",
      "store.shopperEmails": "E-maily zákazníkům", "store.storeEmails": "E-maily obchodu",
      "store.event.REQUESTED": "Vrácení požadováno", "store.event.APPROVED": "Vrácení schváleno",
      "store.event.REJECTED": "Vrácení zamítnuto", "store.event.PICKUP_BOOKED": "Vyzvednutí kurýrem objednáno",
      "store.event.RECEIVED": "Zásilka přijata", "store.event.REFUNDED": "Peníze vráceny",
      "store.event.STAFF_NEEDS_REVIEW": "Vratka čeká na kontrolu",
      "store.staffEmail": "E-mailová adresa týmu",
      "store.sla": "Čas na fázi",
      "store.slaHint": "Počet hodin, po které může vratka čekat v jedné fázi, než ji seznam označí jako zpožděnou; 0 znamená bez limitu.",
      "store.hours": "{stage} (hodiny)", "store.wholeHours": "Zadejte celé hodiny od 0 do 8760.",
      "store.stage.REQUESTED": "Požadováno", "store.stage.NEEDS_REVIEW": "Ke kontrole",
      "store.stage.APPROVED": "Schváleno", "store.stage.LABEL_ISSUED": "Štítek vystaven",
      "store.stage.IN_TRANSIT": "Na cestě", "store.stage.RECEIVED": "Přijato",
      "store.stage.INSPECTED": "Zkontrolováno",
      "store.save": "Uložit nastavení obchodu", "store.saving": "Ukládání…",
      "store.saved": "Nastavení obchodu uloženo", "store.failed": "Nastavení obchodu nebylo uloženo",
      "store.fixErrors": "Zkontrolujte označená pole.",
      "store.unreachable": "Aplikace neodpověděla. Zkontrolujte připojení a zkuste to znovu.",
    },
  });

  // --- GraphQL ------------------------------------------------------------------------------
  const REASON_FIELDS =
    "id code family requiresPhoto requiresComment labels { language label } position isActive returnCount";
  const SETTINGS_FIELDS =
    "storefrontOrigins brandName brandLogoUrl brandColor supportEmail staffNotificationEmail " +
    "notifications { event enabled } slaHours { status hours }";
  const LOAD = "query StoreSettingsLoad { returnReasonCatalogue { " + REASON_FIELDS + " } " +
    "storeSettings { " + SETTINGS_FIELDS + " } }";
  const ERRORS = "errors { field code message }";
  const REASONS_SET = "mutation ReasonsSet($reasons: [ReturnReasonInput!]!) { " +
    "returnReasonsSet(reasons: $reasons) { reasons { " + REASON_FIELDS + " } " + ERRORS + " } }";
  const SETTINGS_UPDATE = "mutation StoreSettingsUpdate($input: StoreSettingsInput!) { " +
    "storeSettingsUpdate(input: $input) { storeSettings { " + SETTINGS_FIELDS + " } " + ERRORS + " } }";

  function mutate(query, variables, name) {
    return ui.mutate(query, variables, name, t("store.unreachable"));
  }

  // --- State and elements -------------------------------------------------------------------
  const $ = function (id) { return document.getElementById(id); };
  const state = {
    started: false,
    loaded: false,
    canManage: true,
    reasons: [], // {id, code, family, requiresPhoto, requiresComment, labels: {lang: label}, isActive, returnCount}
    languages: BASE_LANGUAGES.slice(),
    origins: [],
    notifications: {},
    stages: [],
  };
  const el = {
    reasonsSection: $("reasons-section"),
    reasonsHead: $("reasons-head"),
    reasonRows: $("reason-rows"),
    reasonsError: $("reasons-error"),
    reasonsStatus: $("reasons-status"),
    addReason: $("add-reason"),
    saveReasons: $("save-reasons"),
    storeSection: $("store-section"),
    storeForm: $("store-form"),
    storeError: $("store-error"),
    storeStatus: $("store-status"),
    saveStore: $("save-store"),
    originRows: $("origin-rows"),
    originsEmpty: $("origins-empty"),
    addOrigin: $("add-origin"),
    brandName: $("store-brand-name"),
    logoUrl: $("store-logo-url"),
    brandColor: $("store-brand-color"),
    colorPicker: $("store-brand-color-picker"),
    swatch: $("brand-swatch"),
    previewLogo: $("brand-preview-logo"),
    previewName: $("brand-preview-name"),
    previewButton: $("brand-preview-button"),
    supportEmail: $("store-support-email"),
    staffEmail: $("store-staff-email"),
    shopperSwitches: $("shopper-switches"),
    staffSwitches: $("staff-switches"),
    slaFields: $("sla-fields"),
  };


  function errorSlot(path) {
    const slot = make("span", "field__error");
    slot.dataset.errorFor = path;
    slot.hidden = true;
    return slot;
  }

  function languageName(code) {
    const key = "language." + code;
    const name = t(key);
    return name === key ? code : name;
  }

  function clearErrors(root) {
    ui.clearFieldErrors(root);
    root.querySelectorAll(".is-invalid").forEach(function (node) { node.classList.remove("is-invalid"); });
  }

  // Each error next to its field (or its closest shown parent path); the rest in `general`.
  function showErrors(root, general, errors, fixKey) {
    const unplaced = ui.placeErrors(root, errors, ".field, [data-origin-row], [data-reason]");
    general.hidden = false;
    general.textContent = unplaced.length ? unplaced.join(" ") : t(fixKey);
  }

  function loadPermissions() {
    return ui.canManageApps().then(function (canManage) { state.canManage = canManage; });
  }

  function setBusy(busy) {
    [el.reasonsSection, el.storeSection].forEach(function (section) {
      section.setAttribute("aria-busy", busy ? "true" : "false");
    });
  }

  function load() {
    setBusy(true);
    Promise.all([bridge.graphql(LOAD), loadPermissions()]).then(
      function (results) {
        const body = results[0];
        if (!body || !body.data || (body.errors && body.errors.length)) {
          fail(ui.errorMessage(body) || t("store.unreachable"));
          return;
        }
        setReasons(body.data.returnReasonCatalogue);
        setSettings(body.data.storeSettings);
        state.loaded = true;
        el.reasonsError.hidden = true;
        el.storeError.hidden = true;
        el.storeForm.hidden = false;
        renderReasons();
        renderSettings();
        el.reasonsSection.hidden = false;
        el.storeSection.hidden = false;
        setBusy(false);
      },
      function () { fail(t("store.unreachable")); }
    );
  }

  // The sections say why they are empty; the page's own error panel covers the rest.
  function fail(message) {
    el.reasonsError.hidden = false;
    el.reasonsError.textContent = message;
    el.storeError.hidden = false;
    el.storeError.textContent = message;
    el.storeForm.hidden = true;
    el.reasonsSection.hidden = false;
    el.storeSection.hidden = false;
    setBusy(false);
  }

  // --- Reasons ------------------------------------------------------------------------------
  function setReasons(rows) {
    state.reasons = rows.map(function (row) {
      const labels = {};
      row.labels.forEach(function (item) { labels[item.language] = item.label; });
      return {
        id: row.id, code: row.code, family: row.family, requiresPhoto: row.requiresPhoto,
        requiresComment: row.requiresComment, labels: labels, isActive: row.isActive,
        returnCount: row.returnCount, isNew: false,
      };
    });
    const extra = {};
    state.reasons.forEach(function (reason) {
      Object.keys(reason.labels).forEach(function (language) {
        if (BASE_LANGUAGES.indexOf(language) === -1) extra[language] = true;
      });
    });
    state.languages = BASE_LANGUAGES.concat(Object.keys(extra).sort());
  }

  function check(value, onChange, field, label) {
    const box = make("input", "checkbox");
    box.type = "checkbox";
    box.checked = !!value;
    box.dataset.reasonField = field;
    box.setAttribute("aria-label", label);
    box.addEventListener("change", function () { onChange(box.checked); });
    return box;
  }

  function labelledCheck(value, onChange, field, text) {
    const label = make("label", "settings__check");
    const box = check(value, onChange, field, text);
    box.removeAttribute("aria-label");
    label.append(box, make("span", null, text));
    return label;
  }

  function renderReasonsHead() {
    const heads = [t("reasons.col.order"), t("reasons.col.code"), t("reasons.col.family"),
      t("reasons.col.required")];
    state.languages.forEach(function (language) {
      heads.push(t("reasons.col.label", { language: languageName(language) }));
    });
    heads.push(t("reasons.col.active"));
    el.reasonsHead.replaceChildren();
    heads.forEach(function (text) { el.reasonsHead.append(make("th", null, text)); });
  }

  function renderReasons() {
    renderReasonsHead();
    el.reasonRows.replaceChildren();
    state.reasons.forEach(function (reason, index) {
      const path = "reasons." + index;
      const row = make("tr", reason.isActive ? "" : "reasons-table__inactive");
      row.dataset.reason = String(index);
      row.dataset.code = reason.code;

      const order = make("td", "reasons-table__order");
      [["up", -1, "↑"], ["down", 1, "↓"]].forEach(function (move) {
        const button = make("button", "button button--tertiary reasons-table__move", move[2]);
        button.type = "button";
        button.dataset.move = move[0];
        button.setAttribute("aria-label", t("reasons." + move[0]));
        button.title = t("reasons." + move[0]);
        const target = index + move[1];
        button.disabled = !state.canManage || target < 0 || target >= state.reasons.length;
        button.addEventListener("click", function () {
          const moved = state.reasons.splice(index, 1)[0];
          state.reasons.splice(target, 0, moved);
          renderReasons();
          const focus = el.reasonRows.querySelector('[data-reason="' + target + '"] [data-move="' + move[0] + '"]');
          if (focus && !focus.disabled) focus.focus();
        });
        order.append(button);
      });
      row.append(order);

      const codeCell = make("td", "reasons-table__code");
      if (reason.isNew) {
        const code = make("input", "input");
        code.type = "text";
        code.value = reason.code;
        code.dataset.reasonField = "code";
        code.placeholder = t("reasons.codePlaceholder");
        code.setAttribute("aria-label", t("reasons.col.code"));
        code.addEventListener("input", function () { reason.code = code.value.trim().toUpperCase(); });
        const remove = make("button", "button button--tertiary", t("reasons.remove"));
        remove.type = "button";
        remove.dataset.remove = "";
        remove.addEventListener("click", function () {
          state.reasons.splice(index, 1);
          renderReasons();
        });
        codeCell.append(code, remove);
      } else {
        codeCell.append(make("code", null, reason.code));
        codeCell.append(make("span", "muted settings__when", t("reasons.used", { count: reason.returnCount })));
      }
      codeCell.append(errorSlot(path + ".code"), errorSlot(path));
      row.append(codeCell);

      const familyCell = make("td");
      const family = make("select", "input");
      family.dataset.reasonField = "family";
      family.setAttribute("aria-label", t("reasons.col.family"));
      ["CONTROLLABLE", "CUSTOMER"].forEach(function (value) {
        const option = make("option", null, t("reasons.family." + value));
        option.value = value;
        option.selected = reason.family === value;
        family.append(option);
      });
      family.addEventListener("change", function () { reason.family = family.value; });
      familyCell.append(family, errorSlot(path + ".family"));
      row.append(familyCell);

      const required = make("td", "reasons-table__required");
      required.append(
        labelledCheck(reason.requiresPhoto, function (v) { reason.requiresPhoto = v; }, "photo", t("reasons.photo")),
        labelledCheck(reason.requiresComment, function (v) { reason.requiresComment = v; }, "comment", t("reasons.comment"))
      );
      row.append(required);

      state.languages.forEach(function (language) {
        const cell = make("td", "reasons-table__label");
        const input = make("input", "input");
        input.type = "text";
        input.maxLength = 120;
        input.value = reason.labels[language] || "";
        input.dataset.label = language;
        input.lang = language;
        input.setAttribute("aria-label", t("reasons.labelFor", {
          code: reason.code || t("reasons.new"), language: languageName(language),
        }));
        input.addEventListener("input", function () { reason.labels[language] = input.value; });
        cell.append(input);
        if (language === "en") cell.append(errorSlot(path + ".labels"));
        row.append(cell);
      });

      const active = make("td", "table__check");
      active.append(check(reason.isActive, function (v) {
        reason.isActive = v;
        row.classList.toggle("reasons-table__inactive", !v);
      }, "active", t("reasons.col.active")));
      row.append(active);

      row.querySelectorAll("input, select").forEach(function (node) { node.disabled = !state.canManage; });
      el.reasonRows.append(row);
    });
    el.addReason.hidden = !state.canManage;
  }

  function addReason() {
    const labels = {};
    state.languages.forEach(function (language) { labels[language] = ""; });
    state.reasons.push({
      id: null, code: "", family: "CUSTOMER", requiresPhoto: false, requiresComment: false,
      labels: labels, isActive: true, returnCount: 0, isNew: true,
    });
    renderReasons();
    const code = el.reasonRows.lastElementChild.querySelector('[data-reason-field="code"]');
    if (code) code.focus();
  }

  function saveReasons() {
    clearErrors(el.reasonsSection);
    el.reasonsError.hidden = true;
    el.reasonsStatus.textContent = "";
    const reasons = state.reasons.map(function (reason) {
      return {
        code: reason.code,
        family: reason.family,
        requiresPhoto: !!reason.requiresPhoto,
        requiresComment: !!reason.requiresComment,
        labels: Object.keys(reason.labels).map(function (language) {
          return { language: language, label: reason.labels[language] || "" };
        }),
        isActive: !!reason.isActive,
      };
    });
    el.saveReasons.disabled = true;
    el.saveReasons.textContent = t("reasons.saving");
    mutate(REASONS_SET, { reasons: reasons }, "returnReasonsSet").then(function (outcome) {
      el.saveReasons.disabled = false;
      el.saveReasons.textContent = t("reasons.save");
      if (outcome.errors.length) {
        showErrors(el.reasonsSection, el.reasonsError, outcome.errors, "reasons.fixErrors");
        bridge.notify("error", t("reasons.failed"), outcome.errors[0].message);
        return;
      }
      setReasons(outcome.payload.reasons);
      renderReasons();
      el.reasonsStatus.textContent = t("reasons.saved");
      bridge.notify("success", t("reasons.saved"));
    });
  }

  // --- Store settings -----------------------------------------------------------------------
  function setSettings(settings) {
    state.origins = settings.storefrontOrigins.slice();
    state.notifications = {};
    settings.notifications.forEach(function (n) { state.notifications[n.event] = n.enabled; });
    state.stages = settings.slaHours.map(function (s) { return { status: s.status, hours: s.hours }; });
    el.brandName.value = settings.brandName;
    el.logoUrl.value = settings.brandLogoUrl;
    el.brandColor.value = settings.brandColor;
    el.supportEmail.value = settings.supportEmail;
    el.staffEmail.value = settings.staffNotificationEmail;
  }

  function renderOrigins() {
    el.originRows.replaceChildren();
    state.origins.forEach(function (origin, index) {
      const wrap = make("div", "settings__row-wrap");
      wrap.dataset.originRow = String(index);
      const row = make("div", "settings__row");
      const input = make("input", "input");
      input.type = "url";
      input.value = origin;
      input.placeholder = "https://shop.example.com";
      input.dataset.origin = String(index);
      input.setAttribute("aria-label", t("store.originLabel", { number: index + 1 }));
      input.disabled = !state.canManage;
      input.addEventListener("input", function () { state.origins[index] = input.value; });
      const remove = make("button", "button button--tertiary", t("store.remove"));
      remove.type = "button";
      remove.dataset.remove = "";
      remove.hidden = !state.canManage;
      remove.addEventListener("click", function () {
        state.origins.splice(index, 1);
        renderOrigins();
      });
      row.append(input, remove);
      wrap.append(row, errorSlot("storefrontOrigins." + index));
      el.originRows.append(wrap);
    });
    el.originsEmpty.hidden = state.origins.length > 0;
    el.addOrigin.hidden = !state.canManage;
  }

  function renderSwitches(container, events) {
    container.replaceChildren();
    events.forEach(function (event) {
      const label = make("label", "store-switch");
      const box = make("input", "store-switch__input");
      box.type = "checkbox";
      box.setAttribute("role", "switch");
      box.dataset.event = event;
      box.checked = state.notifications[event] !== false;
      box.disabled = !state.canManage;
      box.addEventListener("change", function () { state.notifications[event] = box.checked; });
      label.append(box, make("span", "store-switch__track"), make("span", null, t("store.event." + event)));
      container.append(label, errorSlot("notifications." + event));
    });
  }

  function renderSla() {
    el.slaFields.replaceChildren();
    state.stages.forEach(function (stage) {
      const field = make("label", "field");
      const input = make("input", "input");
      input.type = "number";
      input.min = "0";
      input.max = String(MAX_SLA_HOURS);
      input.step = "1";
      input.value = String(stage.hours);
      input.dataset.sla = stage.status;
      input.disabled = !state.canManage;
      input.addEventListener("input", function () { stage.hours = input.value; });
      field.append(
        make("span", "field__label", t("store.hours", { stage: t("store.stage." + stage.status) })),
        input,
        errorSlot("slaHours." + stage.status)
      );
      el.slaFields.append(field);
    });
  }

  // The swatch and sample button follow the colour as it is typed (once it is a colour).
  function renderPreview() {
    const color = el.brandColor.value.trim();
    const valid = COLOR.test(color);
    if (valid) {
      el.swatch.style.background = color;
      el.previewButton.style.background = color;
      el.previewButton.style.color = readableOn(color);
      el.colorPicker.value = color.toLowerCase();
    }
    el.previewName.textContent = el.brandName.value.trim() || t("store.previewName");
    const logo = el.logoUrl.value.trim();
    el.previewLogo.hidden = !/^https:\/\//i.test(logo);
    if (!el.previewLogo.hidden && el.previewLogo.getAttribute("src") !== logo) el.previewLogo.src = logo;
  }

  // Black or white text, whichever reads better on `hex` (WCAG relative luminance).
  function readableOn(hex) {
    const channels = [1, 3, 5].map(function (i) {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    const luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    return luminance > 0.179 ? "#000000" : "#ffffff";
  }

  function renderSettings() {
    renderOrigins();
    renderSwitches(el.shopperSwitches, SHOPPER_EVENTS);
    renderSwitches(el.staffSwitches, STAFF_EVENTS);
    renderSla();
    [el.brandName, el.logoUrl, el.brandColor, el.colorPicker, el.supportEmail, el.staffEmail].forEach(
      function (input) { input.disabled = !state.canManage; }
    );
    renderPreview();
  }

  function saveStore(event) {
    event.preventDefault();
    clearErrors(el.storeSection);
    el.storeError.hidden = true;
    el.storeStatus.textContent = "";
    const local = [];
    const slaHours = state.stages.map(function (stage) {
      const text = String(stage.hours).trim();
      const hours = /^\d+$/.test(text) ? parseInt(text, 10) : NaN;
      if (!(hours >= 0 && hours <= MAX_SLA_HOURS)) {
        local.push({ field: "slaHours." + stage.status, code: "INVALID", message: t("store.wholeHours") });
      }
      return { status: stage.status, hours: hours };
    });
    if (local.length) {
      showErrors(el.storeSection, el.storeError, local, "store.fixErrors");
      return;
    }
    const input = {
      storefrontOrigins: state.origins.map(function (o) { return o.trim(); }).filter(Boolean),
      brandName: el.brandName.value,
      brandLogoUrl: el.logoUrl.value,
      brandColor: el.brandColor.value,
      supportEmail: el.supportEmail.value,
      staffNotificationEmail: el.staffEmail.value,
      notifications: SHOPPER_EVENTS.concat(STAFF_EVENTS).map(function (e) {
        return { event: e, enabled: state.notifications[e] !== false };
      }),
      slaHours: slaHours,
    };
    // Error paths index the origins sent: drop the empty rows from the editor first.
    state.origins = input.storefrontOrigins.slice();
    renderOrigins();
    el.saveStore.disabled = true;
    el.saveStore.textContent = t("store.saving");
    mutate(SETTINGS_UPDATE, { input: input }, "storeSettingsUpdate").then(function (outcome) {
      el.saveStore.disabled = false;
      el.saveStore.textContent = t("store.save");
      if (outcome.errors.length) {
        showErrors(el.storeSection, el.storeError, outcome.errors, "store.fixErrors");
        bridge.notify("error", t("store.failed"), outcome.errors[0].message);
        return;
      }
      setSettings(outcome.payload.storeSettings);
      renderSettings();
      el.storeStatus.textContent = t("store.saved");
      bridge.notify("success", t("store.saved"));
    });
  }

  // --- Wiring -------------------------------------------------------------------------------
  el.addReason.addEventListener("click", addReason);
  el.saveReasons.addEventListener("click", saveReasons);
  el.addOrigin.addEventListener("click", function () {
    state.origins.push("");
    renderOrigins();
    el.originRows.lastElementChild.querySelector("input").focus();
  });
  el.storeForm.addEventListener("submit", saveStore);
  el.colorPicker.addEventListener("input", function () {
    el.brandColor.value = el.colorPicker.value.toUpperCase();
    renderPreview();
  });
  [el.brandColor, el.brandName, el.logoUrl].forEach(function (input) {
    input.addEventListener("input", renderPreview);
  });

  // settings.js set the page's language before this catalogue was registered.
  i18n.translatePage(el.reasonsSection);
  i18n.translatePage(el.storeSection);
  i18n.onChange(function () {
    if (!state.loaded) return;
    renderReasons();
    renderSettings();
    el.saveReasons.textContent = t("reasons.save");
    el.saveStore.textContent = t("store.save");
  });
  // The first token loads the sections; later ones (tokenRefresh) are used by the next call.
  bridge.onToken(function () {
    if (state.started) return;
    state.started = true;
    load();
  });
})();
