// The order's returns at a glance (ORDER_DETAILS_WIDGETS, a small frame in the order page).
// Data comes from our API with the Dashboard token; each return opens our return page inside
// the Dashboard (the app page's deep route), and the frame reports its height (widgetResize).
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const t = i18n.t;

  i18n.register({
    en: {
      "ow.loading": "Loading returns…", "ow.empty": "No returns for this order",
      "ow.error": "The returns could not be loaded.", "ow.noOrder": "No order in the context.",
      "ow.open": "Open return {rma}", "ow.refund": "Refund {amount}",
      "status.REQUESTED": "Requested", "status.NEEDS_REVIEW": "Needs review",
      "status.APPROVED": "Approved", "status.REJECTED": "Rejected",
      "status.LABEL_ISSUED": "Label issued", "status.IN_TRANSIT": "In transit",
      "status.RECEIVED": "Received", "status.INSPECTED": "Inspected",
      "status.REFUNDED": "Refunded", "status.EXCHANGED": "Exchanged",
      "status.STORE_CREDIT": "Store credit", "status.CLOSED": "Closed",
      "status.CANCELLED": "Cancelled",
    },
    ro: {
      "ow.loading": "Se încarcă retururile…", "ow.empty": "Nu există retururi pentru această comandă",
      "ow.error": "Retururile nu au putut fi încărcate.", "ow.noOrder": "Nicio comandă în context.",
      "ow.open": "Deschide returul {rma}", "ow.refund": "Rambursare {amount}",
      "status.REQUESTED": "Solicitat", "status.NEEDS_REVIEW": "De verificat",
      "status.APPROVED": "Aprobat", "status.REJECTED": "Respins",
      "status.LABEL_ISSUED": "Etichetă emisă", "status.IN_TRANSIT": "În tranzit",
      "status.RECEIVED": "Primit", "status.INSPECTED": "Verificat",
      "status.REFUNDED": "Rambursat", "status.EXCHANGED": "Schimbat",
      "status.STORE_CREDIT": "Credit în magazin", "status.CLOSED": "Închis",
      "status.CANCELLED": "Anulat",
    },
    pl: {
      "ow.loading": "Wczytywanie zwrotów…", "ow.empty": "Brak zwrotów dla tego zamówienia",
      "ow.error": "Nie udało się wczytać zwrotów.", "ow.noOrder": "Brak zamówienia w kontekście.",
      "ow.open": "Otwórz zwrot {rma}", "ow.refund": "Zwrot środków {amount}",
      "status.REQUESTED": "Zgłoszony", "status.NEEDS_REVIEW": "Do weryfikacji",
      "status.APPROVED": "Zaakceptowany", "status.REJECTED": "Odrzucony",
      "status.LABEL_ISSUED": "Etykieta wydana", "status.IN_TRANSIT": "W drodze",
      "status.RECEIVED": "Odebrany", "status.INSPECTED": "Sprawdzony",
      "status.REFUNDED": "Zwrócono środki", "status.EXCHANGED": "Wymieniony",
      "status.STORE_CREDIT": "Środki w sklepie", "status.CLOSED": "Zamknięty",
      "status.CANCELLED": "Anulowany",
    },
    cs: {
      "ow.loading": "Načítání vratek…", "ow.empty": "K této objednávce nejsou žádné vratky",
      "ow.error": "Vratky se nepodařilo načíst.", "ow.noOrder": "V kontextu není objednávka.",
      "ow.open": "Otevřít vratku {rma}", "ow.refund": "Vrácení {amount}",
      "status.REQUESTED": "Požadováno", "status.NEEDS_REVIEW": "Ke kontrole",
      "status.APPROVED": "Schváleno", "status.REJECTED": "Zamítnuto",
      "status.LABEL_ISSUED": "Štítek vystaven", "status.IN_TRANSIT": "Na cestě",
      "status.RECEIVED": "Přijato", "status.INSPECTED": "Zkontrolováno",
      "status.REFUNDED": "Peníze vráceny", "status.EXCHANGED": "Vyměněno",
      "status.STORE_CREDIT": "Kredit v obchodě", "status.CLOSED": "Uzavřeno",
      "status.CANCELLED": "Zrušeno",
    },
  });

  const QUERY =
    "query OrderReturns($orderId: ID!) { returnRequests(filter: {orderId: $orderId}, first: 50) {" +
    " edges { node { id rma status createdAt refundAmount { amount currency } } } } }";

  const $ = function (id) { return document.getElementById(id); };
  const root = $("order-widget");
  const orderId = bridge.params.get("orderId");
  const appId = bridge.params.get("id");
  let nodes = null;
  let started = false;

  // The Dashboard frames our app page at /extensions/app/<appId>/<path under appUrl>;
  // appUrl is /dashboard/, so a return's page is the deep route returns/<id>/.
  function appPageRoute(returnId) {
    return "/extensions/app/" + encodeURIComponent(appId) + "/returns/" +
      encodeURIComponent(returnId) + "/";
  }

  let lastHeight = 0;
  function reportHeight() {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height && height !== lastHeight) {
      lastHeight = height;
      bridge.resize(height);
    }
  }

  function show(which) {
    ["ow-loading", "ow-empty", "ow-error", "ow-list"].forEach(function (id) {
      $(id).hidden = id !== which;
    });
    root.setAttribute("aria-busy", which === "ow-loading" ? "true" : "false");
    reportHeight();
  }

  function render() {
    if (!nodes) return;
    const list = $("ow-list");
    list.textContent = "";
    nodes.forEach(function (node) {
      const item = document.createElement("li");
      item.className = "widget__item";
      const link = document.createElement("a");
      link.className = "link link--strong widget__rma";
      link.href = bridge.viewUrl("/dashboard/returns/" + encodeURIComponent(node.id) + "/");
      link.textContent = node.rma;
      link.title = t("ow.open", { rma: node.rma });
      link.addEventListener("click", function (event) {
        event.preventDefault();
        bridge.redirect(appPageRoute(node.id));
      });
      const badge = document.createElement("span");
      badge.className = "badge badge--" + ui.statusTone(node.status);
      badge.textContent = t("status." + node.status);
      const refund = document.createElement("span");
      refund.className = "widget__refund";
      refund.textContent = ui.formatMoney(node.refundAmount);
      const created = document.createElement("time");
      created.className = "widget__date muted";
      created.dateTime = node.createdAt;
      created.textContent = ui.formatDate(node.createdAt);
      item.append(link, badge, refund, created);
      list.appendChild(item);
    });
    show(nodes.length ? "ow-list" : "ow-empty");
  }

  function fail(message) {
    $("ow-error").textContent = message;
    show("ow-error");
  }

  function load() {
    if (!orderId) { fail(t("ow.noOrder")); return; }
    show("ow-loading");
    bridge.graphql(QUERY, { orderId: orderId }).then(function (body) {
      const connection = body.data && body.data.returnRequests;
      if (!connection) {
        fail(ui.errorMessage(body) || t("ow.error"));
        return;
      }
      nodes = connection.edges.map(function (edge) { return edge.node; });
      render();
    }, function () { fail(t("ow.error")); });
  }

  bridge.onLocale(function (locale) { i18n.setLocale(locale); render(); reportHeight(); });
  bridge.onToken(function () {
    if (started) return;
    started = true;
    load();
  });
  if (window.ResizeObserver) new window.ResizeObserver(reportHeight).observe(root);
  reportHeight();
})();
