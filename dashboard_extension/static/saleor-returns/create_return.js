// "Create return" (ORDER_DETAILS_MORE_ACTIONS, POPUP): staff file a return for the order's
// shopper with the same eligibility (orderReturnability, returnRequestCreateForCustomer).
// Quantities are bounded in the form, but the API decides: its field errors are shown in place.
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const t = i18n.t;

  i18n.register({
    en: {
      "cr.title": "Create return", "cr.loading": "Loading the order…",
      "cr.nothing": "Nothing in this order can be returned.",
      "cr.col.select": "Return", "cr.col.line": "Product", "cr.col.returnable": "Returnable",
      "cr.col.quantity": "Quantity", "cr.col.reason": "Reason",
      "cr.line": "Line {number}", "cr.selectProduct": "Return {name}",
      "cr.chooseReason": "Choose a reason",
      "cr.method": "Method", "cr.resolution": "Resolution", "cr.comment": "Comment (optional)",
      "cr.submit": "Create return", "cr.submitting": "Creating…",
      "cr.noLines": "Select at least one line to return.",
      "cr.noReason": "Choose a reason.",
      "cr.createdTitle": "Return {rma} created", "cr.doneText": "The return is in the inbox.",
      "cr.open": "Open the return", "cr.close": "Close",
      "cr.failed": "The return could not be created.",
      "cr.unreachable": "The app did not answer. Check your connection and try again.",
      "cr.noOrder": "No order in the context.",
      "method.PICKUP": "Courier pickup", "method.DROP_OFF": "Drop-off point",
      "method.LOCKER": "Locker", "method.SELF_SHIP": "Self-ship",
      "resolution.REFUND": "Refund", "resolution.EXCHANGE": "Exchange",
      "resolution.STORE_CREDIT": "Store credit",
    },
    ro: {
      "cr.title": "Creează retur", "cr.loading": "Se încarcă comanda…",
      "cr.nothing": "Nimic din această comandă nu poate fi returnat.",
      "cr.col.select": "Returnează", "cr.col.line": "Produs", "cr.col.returnable": "Returnabil",
      "cr.col.quantity": "Cantitate", "cr.col.reason": "Motiv",
      "cr.line": "Linia {number}", "cr.selectProduct": "Returnează {name}",
      "cr.chooseReason": "Alege un motiv",
      "cr.method": "Metodă", "cr.resolution": "Soluție", "cr.comment": "Comentariu (opțional)",
      "cr.submit": "Creează retur", "cr.submitting": "Se creează…",
      "cr.noLines": "Selectează cel puțin o linie de returnat.",
      "cr.noReason": "Alege un motiv.",
      "cr.createdTitle": "Returul {rma} a fost creat", "cr.doneText": "Returul este în inbox.",
      "cr.open": "Deschide returul", "cr.close": "Închide",
      "cr.failed": "Returul nu a putut fi creat.",
      "cr.unreachable": "Aplicația nu a răspuns. Verifică conexiunea și încearcă din nou.",
      "cr.noOrder": "Nicio comandă în context.",
      "method.PICKUP": "Ridicare de la curier", "method.DROP_OFF": "Punct de predare",
      "method.LOCKER": "Easybox / locker", "method.SELF_SHIP": "Expediere proprie",
      "resolution.REFUND": "Rambursare", "resolution.EXCHANGE": "Schimb",
      "resolution.STORE_CREDIT": "Credit în magazin",
    },
    pl: {
      "cr.title": "Utwórz zwrot", "cr.loading": "Wczytywanie zamówienia…",
      "cr.nothing": "Z tego zamówienia nie można niczego zwrócić.",
      "cr.col.select": "Zwróć", "cr.col.line": "Produkt", "cr.col.returnable": "Do zwrotu",
      "cr.col.quantity": "Ilość", "cr.col.reason": "Powód",
      "cr.line": "Pozycja {number}", "cr.selectProduct": "Zwróć: {name}",
      "cr.chooseReason": "Wybierz powód",
      "cr.method": "Sposób", "cr.resolution": "Rozwiązanie", "cr.comment": "Komentarz (opcjonalnie)",
      "cr.submit": "Utwórz zwrot", "cr.submitting": "Tworzenie…",
      "cr.noLines": "Wybierz co najmniej jedną pozycję do zwrotu.",
      "cr.noReason": "Wybierz powód.",
      "cr.createdTitle": "Utworzono zwrot {rma}", "cr.doneText": "Zwrot jest w skrzynce.",
      "cr.open": "Otwórz zwrot", "cr.close": "Zamknij",
      "cr.failed": "Nie udało się utworzyć zwrotu.",
      "cr.unreachable": "Aplikacja nie odpowiedziała. Sprawdź połączenie i spróbuj ponownie.",
      "cr.noOrder": "Brak zamówienia w kontekście.",
      "method.PICKUP": "Odbiór przez kuriera", "method.DROP_OFF": "Punkt nadania",
      "method.LOCKER": "Paczkomat", "method.SELF_SHIP": "Wysyłka we własnym zakresie",
      "resolution.REFUND": "Zwrot środków", "resolution.EXCHANGE": "Wymiana",
      "resolution.STORE_CREDIT": "Środki w sklepie",
    },
    cs: {
      "cr.title": "Vytvořit vratku", "cr.loading": "Načítání objednávky…",
      "cr.nothing": "Z této objednávky nelze nic vrátit.",
      "cr.col.select": "Vrátit", "cr.col.line": "Produkt", "cr.col.returnable": "Lze vrátit",
      "cr.col.quantity": "Množství", "cr.col.reason": "Důvod",
      "cr.line": "Položka {number}", "cr.selectProduct": "Vrátit: {name}",
      "cr.chooseReason": "Vyberte důvod",
      "cr.method": "Způsob", "cr.resolution": "Řešení", "cr.comment": "Komentář (nepovinný)",
      "cr.submit": "Vytvořit vratku", "cr.submitting": "Vytváření…",
      "cr.noLines": "Vyberte alespoň jednu položku k vrácení.",
      "cr.noReason": "Vyberte důvod.",
      "cr.createdTitle": "Vratka {rma} vytvořena", "cr.doneText": "Vratka je ve schránce.",
      "cr.open": "Otevřít vratku", "cr.close": "Zavřít",
      "cr.failed": "Vratku se nepodařilo vytvořit.",
      "cr.unreachable": "Aplikace neodpověděla. Zkontrolujte připojení a zkuste to znovu.",
      "cr.noOrder": "V kontextu není objednávka.",
      "method.PICKUP": "Vyzvednutí kurýrem", "method.DROP_OFF": "Výdejní místo",
      "method.LOCKER": "Box", "method.SELF_SHIP": "Vlastní odeslání",
      "resolution.REFUND": "Vrácení peněz", "resolution.EXCHANGE": "Výměna",
      "resolution.STORE_CREDIT": "Kredit v obchodě",
    },
  });

  const RETURNABILITY =
    "query Returnability($orderId: ID!, $languageCode: String) {" +
    " orderReturnability(orderId: $orderId, languageCode: $languageCode) {" +
    " returnable lines { orderLineId productName variantName sku thumbnailUrl quantity" +
    " unitPrice { amount currency } eligible returnableQuantity message }" +
    " methods { method } reasons { code label requiresComment } resolutions } }";
  const CREATE =
    "mutation Create($input: ReturnRequestCreateInput!) {" +
    " returnRequestCreateForCustomer(input: $input) {" +
    " returnRequest { id rma status } errors { field code message } } }";

  const $ = function (id) { return document.getElementById(id); };
  const root = $("create-return");
  const form = $("cr-form");
  const orderId = bridge.params.get("orderId");
  const appId = bridge.params.get("id");
  const idempotencyKey = "staff-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
  let data = null;
  let created = null;
  let started = false;
  let loadGeneration = 0;

  function banner(message) {
    const element = $("cr-error");
    element.textContent = message || "";
    element.hidden = !message;
  }

  function showError(field, message) {
    const element = form.querySelector('[data-error-for="' + field + '"]') ||
      form.querySelector('[data-error-for=""]');
    element.textContent = element.textContent ? element.textContent + " " + message : message;
    element.hidden = false;
  }

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  function fillSelect(select, values, labelOf) {
    const previous = select.value;
    select.textContent = "";
    values.forEach(function (value) { select.appendChild(option(value, labelOf(value))); });
    if (values.indexOf(previous) >= 0) select.value = previous;
  }

  // Thumbnail, product name, then variant · SKU · unit price, as the order page shows them.
  function productCell(line, title) {
    const wrap = document.createElement("div");
    wrap.className = "cr-product";
    if (line.thumbnailUrl) {
      const image = document.createElement("img");
      image.className = "cr-product__image";
      image.src = line.thumbnailUrl;
      image.alt = "";
      image.width = 40;
      image.height = 40;
      wrap.appendChild(image);
    }
    const text = document.createElement("div");
    const name = document.createElement("div");
    name.className = "cr-product__name";
    name.textContent = title;
    text.appendChild(name);
    const details = [line.variantName, line.sku, ui.formatMoney(line.unitPrice)].filter(Boolean);
    const meta = document.createElement("div");
    meta.className = "muted cr-product__meta";
    meta.textContent = details.join(" · ");
    text.appendChild(meta);
    wrap.appendChild(text);
    return wrap;
  }

  function renderLines() {
    const body = $("cr-lines").querySelector("tbody");
    const previous = {};
    body.querySelectorAll("tr").forEach(function (row) {
      previous[row.dataset.lineId] = {
        checked: row.querySelector("input[type=checkbox]").checked,
        quantity: row.querySelector("input[type=number]").value,
        reason: row.querySelector("select").value,
      };
    });
    body.textContent = "";
    data.lines.forEach(function (line, index) {
      const number = index + 1;
      const kept = previous[line.orderLineId];
      const row = document.createElement("tr");
      row.dataset.lineId = line.orderLineId;
      const checkCell = document.createElement("td");
      checkCell.className = "table__check";
      const check = document.createElement("input");
      check.type = "checkbox";
      check.className = "checkbox";
      check.name = "line";
      check.disabled = !line.eligible;
      check.checked = kept ? kept.checked : false;
      const title = line.productName || t("cr.line", { number: number });
      check.setAttribute("aria-label", t("cr.selectProduct", { name: title }));
      checkCell.appendChild(check);

      const nameCell = document.createElement("td");
      nameCell.appendChild(productCell(line, title));
      if (!line.eligible && line.message) {
        const why = document.createElement("div");
        why.className = "muted cr-why";
        why.textContent = line.message;
        nameCell.appendChild(why);
      }
      const lineError = document.createElement("p");
      lineError.className = "field__error";
      lineError.hidden = true;
      lineError.dataset.errorFor = "line:" + line.orderLineId;
      nameCell.appendChild(lineError);

      const returnableCell = document.createElement("td");
      returnableCell.className = "table__num";
      returnableCell.textContent = String(line.returnableQuantity);

      const quantityCell = document.createElement("td");
      const quantity = document.createElement("input");
      quantity.type = "number";
      quantity.className = "input cr-quantity";
      quantity.name = "quantity";
      quantity.min = "1";
      quantity.max = String(line.returnableQuantity);
      quantity.step = "1";
      quantity.value = kept ? kept.quantity : String(Math.max(line.returnableQuantity, 1));
      quantity.disabled = !line.eligible;
      quantity.setAttribute("aria-label", t("cr.col.quantity") + " " + number);
      quantityCell.appendChild(quantity);

      const reasonCell = document.createElement("td");
      const reason = document.createElement("select");
      reason.className = "input cr-reason";
      reason.name = "reason";
      reason.disabled = !line.eligible;
      reason.setAttribute("aria-label", t("cr.col.reason") + " " + number);
      reason.appendChild(option("", t("cr.chooseReason")));
      data.reasons.forEach(function (item) { reason.appendChild(option(item.code, item.label)); });
      reason.value = kept ? kept.reason : "";
      reasonCell.appendChild(reason);

      row.append(checkCell, nameCell, returnableCell, quantityCell, reasonCell);
      body.appendChild(row);
    });
    fillSelect($("cr-method"), data.methods.map(function (m) { return m.method; }), function (m) {
      return t("method." + m);
    });
    fillSelect($("cr-resolution"), data.resolutions, function (r) { return t("resolution." + r); });
  }

  function load() {
    if (!orderId) { banner(t("cr.noOrder")); $("cr-loading").hidden = true; return; }
    const generation = ++loadGeneration;
    bridge.graphql(RETURNABILITY, { orderId: orderId, languageCode: i18n.language() })
      .then(function (body) {
        if (generation !== loadGeneration) return;
        $("cr-loading").hidden = true;
        root.setAttribute("aria-busy", "false");
        const result = body.data && body.data.orderReturnability;
        if (!result) {
          banner(ui.errorMessage(body) || t("cr.failed"));
          return;
        }
        data = result;
        if (created) return;
        if (!result.lines.some(function (line) { return line.eligible; })) {
          $("cr-none").hidden = false;
          form.hidden = true;
          return;
        }
        renderLines();
        form.hidden = false;
      }, function () {
        $("cr-loading").hidden = true;
        root.setAttribute("aria-busy", "false");
        banner(t("cr.unreachable"));
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ui.clearFieldErrors(form);
    banner("");
    const comment = $("cr-comment").value.trim();
    const chosen = [];
    let missing = false;
    $("cr-lines").querySelectorAll("tbody tr").forEach(function (row) {
      if (!row.querySelector("input[type=checkbox]").checked) return;
      const reason = row.querySelector("select");
      if (!reason.value) {
        missing = true;
        reason.setAttribute("aria-invalid", "true");
        showError("line:" + row.dataset.lineId, t("cr.noReason"));
      }
      const line = {
        orderLineId: row.dataset.lineId,
        quantity: parseInt(row.querySelector("input[type=number]").value, 10) || 0,
        reason: reason.value,
      };
      if (comment) line.comment = comment;
      chosen.push(line);
    });
    if (!chosen.length) { showError("lines", t("cr.noLines")); return; }
    if (missing) return;
    const submit = $("cr-submit");
    submit.disabled = true;
    submit.textContent = t("cr.submitting");
    const input = {
      orderId: orderId,
      lines: chosen,
      method: $("cr-method").value,
      resolution: $("cr-resolution").value,
      idempotencyKey: idempotencyKey,
    };
    bridge.graphql(CREATE, { input: input }).then(function (body) {
      submit.disabled = false;
      submit.textContent = t("cr.submit");
      const payload = body.data && body.data.returnRequestCreateForCustomer;
      if (!payload) {
        banner(ui.errorMessage(body) || t("cr.failed"));
        return;
      }
      if (payload.errors.length) {
        payload.errors.forEach(function (error) {
          const match = /^lines\.(\d+)/.exec(error.field || "");
          if (match && chosen[Number(match[1])]) {
            showError("line:" + chosen[Number(match[1])].orderLineId, error.message);
          } else if (error.field === "method" || error.field === "resolution") {
            showError(error.field, error.message);
          } else {
            showError("", error.message);
          }
        });
        return;
      }
      created = payload.returnRequest;
      const title = t("cr.createdTitle", { rma: created.rma });
      bridge.notify("success", title, t("cr.doneText"));
      form.hidden = true;
      $("cr-done-title").textContent = title;
      $("cr-done").hidden = false;
      bridge.refreshEntity();
    }, function () {
      submit.disabled = false;
      submit.textContent = t("cr.submit");
      banner(t("cr.unreachable"));
    });
  });

  $("cr-open").addEventListener("click", function () {
    if (!created) return;
    bridge.redirect("/extensions/app/" + encodeURIComponent(appId) + "/returns/" +
      encodeURIComponent(created.id) + "/");
  });
  $("cr-close").addEventListener("click", function () { bridge.close(); });

  bridge.onLocale(function (locale) {
    i18n.setLocale(locale);
    if (created) $("cr-done-title").textContent = t("cr.createdTitle", { rma: created.rma });
    if (started) load(); // reasons come translated from the API
  });
  bridge.onToken(function () {
    if (started) return;
    started = true;
    load();
  });
})();
