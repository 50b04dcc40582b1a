/*
 * <saleor-returns>: the return flow of Saleor Returns, for a storefront's order page.
 *
 *   <script src="https://returns.example.com/static/track/saleor-returns.js" defer></script>
 *   <saleor-returns order-id="T3JkZXI6..." api-url="https://returns.example.com/graphql/"
 *     saleor-api-url="https://shop.saleor.cloud/graphql/" locale="pl" country-code="PL">
 *   </saleor-returns>
 *   document.querySelector("saleor-returns").setToken(customerAccessToken);
 *
 * The shopper's Saleor access token is given through `setToken()` (or the `token`
 * property), never as an attribute: attributes end up in the HTML, in caches and in logs.
 * Everything is rendered with text nodes in an open shadow root; styles are a constructed
 * stylesheet (no inline <style>), so a storefront's CSP needs only `script-src` for this
 * file and `connect-src` for the app. Theme it with the --sr-* custom properties below.
 * When a return is created the element fires `saleor-returns:created` with
 * `{rma, status, trackingUrl}`; when the API says the token expired it fires
 * `saleor-returns:token-expired`: answer with `setToken(fresh)`, the form is kept.
 */
(function () {
  "use strict";
  if (!window.customElements || window.customElements.get("saleor-returns")) return;

  const STRINGS = {
    en: {
      title: "Return items",
      signIn: "Sign in to return items from this order.",
      loading: "Loading…",
      failed: "Something went wrong. Please try again.",
      retry: "Try again",
      notReturnable: "Nothing from this order can be returned.",
      items: "What would you like to return?",
      quantity: "Quantity",
      reason: "Reason",
      chooseReason: "Choose a reason",
      comment: "Tell us more",
      method: "How will you send it back?",
      free: "Free",
      freeForControllable: "free if the item is faulty or wrong",
      point: "Where will you drop it off?",
      pointSearch: "Postal code or city",
      find: "Find points",
      noPoints: "No points found there. Try another postal code or city.",
      resolution: "What would you like instead?",
      submit: "Request the return",
      sending: "Sending…",
      pickItem: "Choose at least one item and its reason.",
      pickPoint: "Choose a point for your parcel.",
      created: "Your return is requested",
      rma: "Return number",
      track: "Follow your return",
      methods: { PICKUP: "Courier pickup", DROP_OFF: "Drop-off point", LOCKER: "Parcel locker", SELF_SHIP: "Send it yourself" },
      resolutions: { REFUND: "Money back", STORE_CREDIT: "Store credit", EXCHANGE: "Exchange" },
    },
    ro: {
      title: "Returnează produse",
      signIn: "Autentificați-vă pentru a returna produse din această comandă.",
      loading: "Se încarcă…",
      failed: "Ceva nu a mers. Încercați din nou.",
      retry: "Încercați din nou",
      notReturnable: "Nimic din această comandă nu poate fi returnat.",
      items: "Ce doriți să returnați?",
      quantity: "Cantitate",
      reason: "Motiv",
      chooseReason: "Alegeți un motiv",
      comment: "Spuneți-ne mai multe",
      method: "Cum trimiteți coletul înapoi?",
      free: "Gratuit",
      freeForControllable: "gratuit dacă produsul are un defect sau e greșit",
      point: "Unde predați coletul?",
      pointSearch: "Cod poștal sau oraș",
      find: "Caută puncte",
      noPoints: "Nu am găsit puncte acolo. Încercați alt cod poștal sau oraș.",
      resolution: "Ce doriți în schimb?",
      submit: "Cere returul",
      sending: "Se trimite…",
      pickItem: "Alegeți cel puțin un produs și motivul.",
      pickPoint: "Alegeți un punct pentru colet.",
      created: "Returul a fost cerut",
      rma: "Număr retur",
      track: "Urmăriți returul",
      methods: { PICKUP: "Ridicare de către curier", DROP_OFF: "Punct de predare", LOCKER: "Locker", SELF_SHIP: "Trimiteți singur" },
      resolutions: { REFUND: "Banii înapoi", STORE_CREDIT: "Credit de magazin", EXCHANGE: "Schimb" },
    },
    pl: {
      title: "Zwróć produkty",
      signIn: "Zaloguj się, aby zwrócić produkty z tego zamówienia.",
      loading: "Ładowanie…",
      failed: "Coś poszło nie tak. Spróbuj ponownie.",
      retry: "Spróbuj ponownie",
      notReturnable: "Żadnego produktu z tego zamówienia nie można zwrócić.",
      items: "Co chcesz zwrócić?",
      quantity: "Ilość",
      reason: "Powód",
      chooseReason: "Wybierz powód",
      comment: "Napisz więcej",
      method: "Jak odeślesz paczkę?",
      free: "Bezpłatnie",
      freeForControllable: "bezpłatnie, jeśli produkt jest wadliwy lub niezgodny z zamówieniem",
      point: "Gdzie nadasz paczkę?",
      pointSearch: "Kod pocztowy lub miasto",
      find: "Szukaj punktów",
      noPoints: "Nie znaleźliśmy tam punktów. Spróbuj innego kodu pocztowego lub miasta.",
      resolution: "Co chcesz otrzymać?",
      submit: "Zgłoś zwrot",
      sending: "Wysyłanie…",
      pickItem: "Wybierz co najmniej jeden produkt i powód zwrotu.",
      pickPoint: "Wybierz punkt dla swojej paczki.",
      created: "Zwrot został zgłoszony",
      rma: "Numer zwrotu",
      track: "Śledź swój zwrot",
      methods: { PICKUP: "Odbiór przez kuriera", DROP_OFF: "Punkt nadania", LOCKER: "Automat paczkowy", SELF_SHIP: "Wyślij samodzielnie" },
      resolutions: { REFUND: "Zwrot pieniędzy", STORE_CREDIT: "Środki w sklepie", EXCHANGE: "Wymiana" },
    },
    cs: {
      title: "Vrátit zboží",
      signIn: "Přihlaste se, abyste mohli vrátit zboží z této objednávky.",
      loading: "Načítání…",
      failed: "Něco se pokazilo. Zkuste to prosím znovu.",
      retry: "Zkusit znovu",
      notReturnable: "Z této objednávky nelze nic vrátit.",
      items: "Co chcete vrátit?",
      quantity: "Množství",
      reason: "Důvod",
      chooseReason: "Vyberte důvod",
      comment: "Napište nám více",
      method: "Jak balík pošlete zpět?",
      free: "Zdarma",
      freeForControllable: "zdarma, pokud je zboží vadné nebo chybné",
      point: "Kde balík podáte?",
      pointSearch: "PSČ nebo město",
      find: "Najít místa",
      noPoints: "Nenašli jsme tam žádná místa. Zkuste jiné PSČ nebo město.",
      resolution: "Co chcete místo toho?",
      submit: "Požádat o vrácení",
      sending: "Odesílání…",
      pickItem: "Vyberte alespoň jeden kus zboží a důvod.",
      pickPoint: "Vyberte místo pro svůj balík.",
      created: "O vrácení bylo požádáno",
      rma: "Číslo vrácení",
      track: "Sledovat vrácení",
      methods: { PICKUP: "Vyzvednutí kurýrem", DROP_OFF: "Podací místo", LOCKER: "Box", SELF_SHIP: "Poslat sami" },
      resolutions: { REFUND: "Vrácení peněz", STORE_CREDIT: "Kredit v obchodě", EXCHANGE: "Výměna" },
    },
  };

  const CSS = `
:host { display: block; font: var(--sr-font, inherit); color: var(--sr-text, inherit); }
.box { background: var(--sr-surface, #fff); border: 1px solid var(--sr-border, #d1d5db); border-radius: var(--sr-radius, 12px); padding: var(--sr-padding, 16px); }
h2 { font-size: 1.2em; margin: 0 0 12px; }
fieldset { border: 0; margin: 0 0 16px; padding: 0; }
legend { font-weight: 600; margin-bottom: 8px; }
.line { display: grid; grid-template-columns: auto 56px 1fr; gap: 8px 12px; align-items: center; padding: 8px 0; border-top: 1px solid var(--sr-border, #e5e7eb); }
.line img { width: 56px; height: 56px; object-fit: cover; border-radius: 6px; }
.line .name { font-weight: 600; }
.line .why { color: var(--sr-muted, #6b7280); font-size: 0.9em; }
.line .details { grid-column: 2 / 4; display: flex; flex-wrap: wrap; gap: 8px; }
.option { display: flex; gap: 8px; align-items: baseline; padding: 6px 0; }
.muted { color: var(--sr-muted, #6b7280); font-size: 0.9em; }
label.field { display: flex; flex-direction: column; gap: 4px; font-size: 0.9em; }
input[type=text], select, textarea { font: inherit; padding: 8px; border: 1px solid var(--sr-border, #d1d5db); border-radius: 6px; min-height: 40px; }
button { font: inherit; cursor: pointer; min-height: 44px; padding: 10px 16px; border-radius: var(--sr-button-radius, 8px); border: 1px solid var(--sr-accent, #2563eb); background: var(--sr-surface, #fff); color: var(--sr-accent, #2563eb); }
button.primary { background: var(--sr-accent, #2563eb); color: var(--sr-on-accent, #fff); font-weight: 600; }
button:disabled { opacity: 0.6; cursor: progress; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid var(--sr-focus, #1d4ed8); outline-offset: 2px; }
.search { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
.error { color: var(--sr-error, #b91c1c); margin: 8px 0; }
.done a { color: var(--sr-accent, #2563eb); font-weight: 600; }
`;

  const RETURNABILITY = `query SaleorReturnsReturnability($orderId: ID!, $languageCode: String) {
  orderReturnability(orderId: $orderId, languageCode: $languageCode) {
    currency returnable
    lines { orderLineId productName variantName thumbnailUrl quantity returnableQuantity eligible message unitPrice { amount currency } }
    methods { method freeForControllable fee { amount currency } }
    reasons { code label requiresComment }
    resolutions
  }
}`;
  const POINTS = `query SaleorReturnsPoints($countryCode: String!, $postalCode: String, $city: String, $channel: String) {
  servicePoints(countryCode: $countryCode, postalCode: $postalCode, city: $city, channel: $channel, first: 20) {
    id carrier kind name street postalCode city
  }
}`;
  const CREATE = `mutation SaleorReturnsCreate($input: ReturnRequestCreateInput!) {
  returnRequestCreate(input: $input) {
    returnRequest { rma status trackingUrl }
    errors { field code message }
  }
}`;
  const POINT_KINDS = { LOCKER: "LOCKER", DROP_OFF: "PUDO" };

  function h(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(function ([key, value]) {
      if (value === undefined || value === null || value === false) return;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key in node && key !== "list") node[key] = value;
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    });
    return node;
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }

  class SaleorReturns extends HTMLElement {
    static get observedAttributes() {
      return ["order-id", "api-url", "saleor-api-url", "locale", "country-code", "channel"];
    }

    constructor() {
      super();
      this._token = null;
      this._data = null;
      this._points = [];
      this._searched = false;
      this._choice = { lines: {}, method: null, point: null, resolution: null };
      this._key = newKey();
      this._root = this.attachShadow({ mode: "open" });
      if ("adoptedStyleSheets" in this._root && window.CSSStyleSheet) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
        this._root.adoptedStyleSheets = [sheet];
      } else {
        this._root.append(h("style", { textContent: CSS }));
      }
      this._box = h("div", { className: "box", part: "box" });
      this._root.append(this._box);
    }

    /** The shopper's Saleor access token; the flow starts (again) with it. */
    setToken(token) {
      const renewed = Boolean(this._token && token && this._data);
      this._token = token || null;
      // A renewed token (Saleor's expire within minutes) keeps the shopper's choices.
      if (renewed) return;
      this._data = null;
      if (this.isConnected) this._load();
    }

    set token(value) { this.setToken(value); }

    get token() { return null; }

    connectedCallback() { this._load(); }

    attributeChangedCallback(_name, before, after) {
      if (before !== after && this.isConnected) {
        this._data = null;
        this._load();
      }
    }

    get _lang() {
      const asked = (this.getAttribute("locale") || document.documentElement.lang || "en").toLowerCase().split(/[-_]/)[0];
      return STRINGS[asked] ? asked : "en";
    }

    get _t() { return STRINGS[this._lang]; }

    _money(money) {
      try {
        return new Intl.NumberFormat(this.getAttribute("locale") || this._lang, { style: "currency", currency: money.currency }).format(Number(money.amount));
      } catch (error) {
        return money.amount + " " + money.currency;
      }
    }

    async _call(query, variables) {
      const response = await fetch(this.getAttribute("api-url"), {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: {
          "Content-Type": "application/json",
          "Authorization": "Bearer " + this._token,
          "Saleor-Api-Url": this.getAttribute("saleor-api-url"),
          "Accept-Language": this._lang,
        },
        body: JSON.stringify({ query: query, variables: variables }),
      });
      const body = await response.json();
      const error = body.errors && body.errors[0];
      if (error && (error.extensions || {}).code === "TOKEN_EXPIRED") {
        this.dispatchEvent(new CustomEvent("saleor-returns:token-expired", { bubbles: true, composed: true }));
      }
      if (error) throw new Error(error.message);
      return body.data;
    }

    _show(children) {
      // Re-rendering replaces the controls: keyboard users keep their place.
      const active = this._root.activeElement;
      const focused = active && (active.name || active.id) ? [active.name || active.id, active.value] : null;
      this._box.replaceChildren(h("h2", { part: "title" }, [this._t.title]), ...children);
      if (!focused) return;
      const again = Array.from(this._box.querySelectorAll("input, select, textarea, button")).find(
        (node) => (node.name || node.id) === focused[0] && node.value === focused[1]);
      if (again) again.focus();
    }

    async _load() {
      if (!this._token) {
        this._show([h("p", {}, [this._t.signIn])]);
        return;
      }
      if (!this.getAttribute("order-id") || !this.getAttribute("api-url")) return;
      this._show([h("p", { role: "status" }, [this._t.loading])]);
      try {
        const data = await this._call(RETURNABILITY, { orderId: this.getAttribute("order-id"), languageCode: this._lang });
        this._data = data.orderReturnability;
        this._choice = { lines: {}, method: null, point: null, resolution: (this._data && this._data.resolutions[0]) || null };
        this._points = [];
        this._form();
      } catch (error) {
        this._failed(error, () => this._load());
      }
    }

    _failed(error, retry) {
      this._show([
        h("p", { className: "error", role: "alert" }, [error && error.message ? error.message : this._t.failed]),
        h("button", { type: "button", onclick: retry }, [this._t.retry]),
      ]);
    }

    _form(message) {
      const t = this._t;
      const data = this._data;
      if (!data || !data.returnable) {
        this._show([h("p", {}, [t.notReturnable])]);
        return;
      }
      const form = h("form", { noValidate: true, onsubmit: (event) => { event.preventDefault(); this._submit(); } }, [
        this._linesFieldset(),
        this._methodFieldset(),
        this._pointFieldset(),
        this._resolutionFieldset(),
        message ? h("p", { className: "error", role: "alert" }, [message]) : null,
        h("button", { type: "submit", className: "primary", part: "submit" }, [t.submit]),
      ]);
      this._show([form]);
    }

    _linesFieldset() {
      const t = this._t;
      const rows = this._data.lines.map((line) => {
        const chosen = this._choice.lines[line.orderLineId];
        const id = "line-" + line.orderLineId;
        const image = line.thumbnailUrl ? h("img", { src: line.thumbnailUrl, alt: "", loading: "lazy" }) : h("span");
        const box = h("input", {
          type: "checkbox", id: id, disabled: !line.eligible, checked: Boolean(chosen),
          onchange: (event) => {
            if (event.target.checked) this._choice.lines[line.orderLineId] = { quantity: line.returnableQuantity, reason: "", comment: "" };
            else delete this._choice.lines[line.orderLineId];
            this._form();
          },
        });
        const text = h("label", { htmlFor: id }, [
          h("span", { className: "name" }, [line.productName]), " ",
          h("span", { className: "muted" }, [line.variantName]),
          line.eligible ? null : h("span", { className: "why" }, [h("br"), line.message || ""]),
        ]);
        const row = h("div", { className: "line", part: "line" }, [box, image, text]);
        if (chosen) row.append(this._lineDetails(line, chosen));
        return row;
      });
      return h("fieldset", {}, [h("legend", {}, [t.items]), ...rows]);
    }

    _lineDetails(line, chosen) {
      const t = this._t;
      const quantities = [];
      for (let n = 1; n <= line.returnableQuantity; n += 1) {
        quantities.push(h("option", { value: String(n), selected: n === chosen.quantity }, [String(n)]));
      }
      const reason = this._data.reasons.find((r) => r.code === chosen.reason);
      return h("div", { className: "details" }, [
        h("label", { className: "field" }, [t.quantity, h("select", {
          name: "quantity", onchange: (event) => { chosen.quantity = Number(event.target.value); },
        }, quantities)]),
        h("label", { className: "field" }, [t.reason, h("select", {
          name: "reason", required: true,
          onchange: (event) => { chosen.reason = event.target.value; this._form(); },
        }, [h("option", { value: "" }, [t.chooseReason]), ...this._data.reasons.map((r) =>
          h("option", { value: r.code, selected: r.code === chosen.reason }, [r.label]))])]),
        reason && reason.requiresComment ? h("label", { className: "field" }, [t.comment, h("textarea", {
          name: "comment", rows: 2, value: chosen.comment,
          oninput: (event) => { chosen.comment = event.target.value; },
        })]) : null,
      ]);
    }

    _methodFieldset() {
      const t = this._t;
      return h("fieldset", {}, [h("legend", {}, [t.method]), ...this._data.methods.map((offer) => {
        const free = Number(offer.fee.amount) === 0;
        return h("label", { className: "option" }, [
          h("input", {
            type: "radio", name: "method", value: offer.method, checked: this._choice.method === offer.method,
            onchange: () => {
              Object.assign(this._choice, { method: offer.method, point: null });
              this._points = [];
              this._searched = false;
              this._form();
            },
          }),
          h("span", {}, [t.methods[offer.method] || offer.method, " · ", free ? t.free : this._money(offer.fee)]),
          !free && offer.freeForControllable ? h("span", { className: "muted" }, ["(" + t.freeForControllable + ")"]) : null,
        ]);
      })]);
    }

    _pointFieldset() {
      const t = this._t;
      const kind = POINT_KINDS[this._choice.method];
      if (!kind) return null;
      const query = h("input", { type: "text", name: "point-search", autocomplete: "postal-code" });
      const search = h("div", { className: "search" }, [
        h("label", { className: "field" }, [t.pointSearch, query]),
        h("button", { type: "button", onclick: () => this._searchPoints(query.value, kind) }, [t.find]),
      ]);
      query.addEventListener("keydown", (event) => {
        if (event.key === "Enter") { event.preventDefault(); this._searchPoints(query.value, kind); }
      });
      const found = this._points;
      const list = found.map((point) => h("label", { className: "option" }, [
        h("input", {
          type: "radio", name: "point", value: point.id, checked: this._choice.point === point.id,
          onchange: () => { this._choice.point = point.id; },
        }),
        h("span", {}, [h("strong", {}, [point.name]), h("br"), point.street + ", " + point.postalCode + " " + point.city]),
      ]));
      const empty = this._searched && !found.length ? h("p", { className: "muted", role: "status" }, [t.noPoints]) : null;
      return h("fieldset", {}, [h("legend", {}, [t.point]), search, empty, ...list]);
    }

    async _searchPoints(value, kind) {
      const text = (value || "").trim();
      if (!text) return;
      const byPostalCode = /\d/.test(text);
      try {
        const data = await this._call(POINTS, {
          countryCode: (this.getAttribute("country-code") || "").toUpperCase(),
          postalCode: byPostalCode ? text : null,
          city: byPostalCode ? null : text,
          channel: this.getAttribute("channel") || null,
        });
        this._points = data.servicePoints.filter((point) => point.kind === kind);
        this._searched = true;
        this._form();
        const input = this._root.querySelector("input[name=point-search]");
        if (input) input.value = text;
      } catch (error) {
        this._form(error.message || this._t.failed);
      }
    }

    _resolutionFieldset() {
      const t = this._t;
      const resolutions = this._data.resolutions;
      if (resolutions.length < 2) return null;
      return h("fieldset", {}, [h("legend", {}, [t.resolution]), ...resolutions.map((resolution) =>
        h("label", { className: "option" }, [
          h("input", {
            type: "radio", name: "resolution", value: resolution, checked: this._choice.resolution === resolution,
            onchange: () => { this._choice.resolution = resolution; },
          }),
          t.resolutions[resolution] || resolution,
        ]))]);
    }

    async _submit() {
      const t = this._t;
      const choice = this._choice;
      const lines = Object.entries(choice.lines).map(([orderLineId, line]) => ({
        orderLineId: orderLineId, quantity: line.quantity, reason: line.reason, comment: line.comment || null,
      }));
      if (!lines.length || lines.some((line) => !line.reason) || !choice.method) {
        this._form(t.pickItem);
        return;
      }
      if (POINT_KINDS[choice.method] && !choice.point) {
        this._form(t.pickPoint);
        return;
      }
      const button = this._root.querySelector("button[type=submit]");
      button.disabled = true;
      button.textContent = t.sending;
      try {
        const data = await this._call(CREATE, { input: {
          orderId: this.getAttribute("order-id"),
          lines: lines,
          method: choice.method,
          servicePointId: choice.point,
          resolution: choice.resolution,
          // The same key on a retry (a lost answer, a double click) gives back the same return.
          idempotencyKey: this._key,
        } });
        const result = data.returnRequestCreate;
        if (result.errors.length) {
          this._form(result.errors.map((error) => error.message).join(" "));
          return;
        }
        this._key = newKey();
        this._done(result.returnRequest);
      } catch (error) {
        this._form(error.message || t.failed);
      }
    }

    _done(returnRequest) {
      const t = this._t;
      this._show([h("div", { className: "done", role: "status", part: "done" }, [
        h("p", {}, [h("strong", {}, [t.created])]),
        h("p", {}, [t.rma + ": ", h("span", { className: "rma" }, [returnRequest.rma])]),
        h("p", {}, [h("a", { href: returnRequest.trackingUrl, target: "_blank", rel: "noopener noreferrer" }, [t.track])]),
      ])]);
      this.dispatchEvent(new CustomEvent("saleor-returns:created", {
        bubbles: true, composed: true,
        detail: { rma: returnRequest.rma, status: returnRequest.status, trackingUrl: returnRequest.trackingUrl },
      }));
    }
  }

  window.customElements.define("saleor-returns", SaleorReturns);
})();
