// The returns inbox (/dashboard/): status tabs with counts, search, filters, sort, keyset
// pages ("Load more"), an Overdue marker on returns past their stage's limit (overdue.js),
// bulk approve / reject / print labels (one merged PDF), and the CSV
// export of everything the tab and filters match. Every piece of data comes from our GraphQL API
// with the Dashboard token (SaleorReturnsBridge); all text goes through SaleorReturnsI18n.
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const t = i18n.t;
  const tp = i18n.tp;

  // --- Catalogues ---------------------------------------------------------------------------
  i18n.register({
    en: {
      "inbox.title": "Returns",
      "tab.NEEDS_REVIEW": "Needs review", "tab.REQUESTED": "Requested", "tab.APPROVED": "Approved",
      "tab.LABEL_ISSUED": "Label issued", "tab.IN_TRANSIT": "In transit", "tab.RECEIVED": "Received",
      "tab.REFUNDED": "Refunded", "tab.CLOSED": "Closed", "tab.ALL": "All",
      "filter.search": "Search",
      "filter.searchPlaceholder": "RMA, order number, email or tracking number",
      "filter.createdFrom": "Created from", "filter.createdTo": "Created to",
      "filter.reason": "Reason", "filter.method": "Method", "filter.carrier": "Carrier",
      "filter.sort": "Sort", "filter.any": "Any", "filter.clear": "Clear filters",
      "filter.family": "Reason family", "filter.market": "Market", "filter.overdue": "Overdue only",
      "family.CONTROLLABLE": "Store's fault", "family.CUSTOMER": "Shopper's choice",
      "sort.NEWEST": "Newest first", "sort.OLDEST": "Oldest first", "sort.STATUS": "By status",
      "col.rma": "RMA", "col.order": "Order", "col.customer": "Customer", "col.status": "Status",
      "col.method": "Method", "col.refund": "Refund", "col.created": "Created",
      "col.selectAll": "Select all shown returns", "col.select": "Select {rma}",
      "order.open": "Open order #{number} in the Dashboard",
      "state.loading": "Loading returns…",
      "state.emptyTitle": "No returns here",
      "state.emptyText": "Nothing matches this tab and these filters.",
      "state.errorTitle": "The returns could not be loaded",
      "state.unreachable": "The app did not answer. Check your connection and try again.",
      "state.retry": "Try again",
      "list.loadMore": "Load more", "list.loadingMore": "Loading…",
      "list.shown": "Showing {shown} of {total}", "count.atLeast": "{count}+",
      "bulk.selected": "{count} selected", "bulk.approve": "Approve", "bulk.reject": "Reject",
      "bulk.approving": "Approving {done} of {total}…",
      "bulk.rejecting": "Rejecting {done} of {total}…",
      "bulk.approvedTitle": "Returns approved: {count} of {total}",
      "bulk.rejectedTitle": "Returns rejected: {count} of {total}",
      "bulk.allDone": "All selected returns were updated.",
      "bulk.failed": "Not changed: {list}",
      "export.csv": "Export CSV", "export.preparing": "Preparing…",
      "export.failedTitle": "The CSV export failed",
      "bulk.print": "Print labels", "print.preparing": "Preparing labels ({count})…",
      "print.doneTitle": "Labels printed: {count} of {total}",
      "print.allDone": "Every selected return's label is in the PDF.",
      "print.skipped": "No PDF label: {list}",
      "print.noneTitle": "No PDF labels to print",
      "print.failedTitle": "The labels could not be prepared",
      "print.tooMany": "Select at most {max} returns to print at once.",
      "reject.title.one": "Reject this return", "reject.title.other": "Reject {count} returns",
      "reject.reasonLabel": "Reason (shown to the shopper)",
      "reject.reasonRequired": "Give a reason.",
      "reject.cancel": "Cancel", "reject.confirm": "Reject",
      "status.REQUESTED": "Requested", "status.NEEDS_REVIEW": "Needs review",
      "status.APPROVED": "Approved", "status.REJECTED": "Rejected",
      "status.LABEL_ISSUED": "Label issued", "status.IN_TRANSIT": "In transit",
      "status.RECEIVED": "Received", "status.INSPECTED": "Inspected",
      "status.REFUNDED": "Refunded", "status.EXCHANGED": "Exchanged",
      "status.STORE_CREDIT": "Store credit", "status.CLOSED": "Closed",
      "status.CANCELLED": "Cancelled",
      "method.PICKUP": "Courier pickup", "method.DROP_OFF": "Drop-off point",
      "method.LOCKER": "Locker", "method.SELF_SHIP": "Self-ship",
    },
    ro: {
      "inbox.title": "Retururi",
      "tab.NEEDS_REVIEW": "De verificat", "tab.REQUESTED": "Solicitate", "tab.APPROVED": "Aprobate",
      "tab.LABEL_ISSUED": "Etichetă emisă", "tab.IN_TRANSIT": "În tranzit", "tab.RECEIVED": "Primite",
      "tab.REFUNDED": "Rambursate", "tab.CLOSED": "Închise", "tab.ALL": "Toate",
      "filter.search": "Căutare",
      "filter.searchPlaceholder": "RMA, număr comandă, e-mail sau AWB",
      "filter.createdFrom": "Creat de la", "filter.createdTo": "Creat până la",
      "filter.reason": "Motiv", "filter.method": "Metodă", "filter.carrier": "Curier",
      "filter.sort": "Sortare", "filter.any": "Oricare", "filter.clear": "Șterge filtrele",
      "filter.family": "Tip de motiv", "filter.market": "Piață", "filter.overdue": "Doar întârziate",
      "family.CONTROLLABLE": "Din vina magazinului", "family.CUSTOMER": "Alegerea clientului",
      "sort.NEWEST": "Cele mai noi", "sort.OLDEST": "Cele mai vechi", "sort.STATUS": "După stare",
      "col.rma": "RMA", "col.order": "Comandă", "col.customer": "Client", "col.status": "Stare",
      "col.method": "Metodă", "col.refund": "Rambursare", "col.created": "Creat",
      "col.selectAll": "Selectează toate retururile afișate", "col.select": "Selectează {rma}",
      "order.open": "Deschide comanda #{number} în Dashboard",
      "state.loading": "Se încarcă retururile…",
      "state.emptyTitle": "Niciun retur aici",
      "state.emptyText": "Nimic nu corespunde acestei file și acestor filtre.",
      "state.errorTitle": "Retururile nu au putut fi încărcate",
      "state.unreachable": "Aplicația nu a răspuns. Verificați conexiunea și încercați din nou.",
      "state.retry": "Încearcă din nou",
      "list.loadMore": "Încarcă mai multe", "list.loadingMore": "Se încarcă…",
      "list.shown": "Se afișează {shown} din {total}", "count.atLeast": "{count}+",
      "bulk.selected": "{count} selectate", "bulk.approve": "Aprobă", "bulk.reject": "Respinge",
      "bulk.approving": "Se aprobă {done} din {total}…",
      "bulk.rejecting": "Se resping {done} din {total}…",
      "bulk.approvedTitle": "Retururi aprobate: {count} din {total}",
      "bulk.rejectedTitle": "Retururi respinse: {count} din {total}",
      "bulk.allDone": "Toate retururile selectate au fost actualizate.",
      "bulk.failed": "Nemodificate: {list}",
      "export.csv": "Exportă CSV", "export.preparing": "Se pregătește…",
      "export.failedTitle": "Exportul CSV a eșuat",
      "bulk.print": "Tipărește etichetele", "print.preparing": "Se pregătesc etichetele ({count})…",
      "print.doneTitle": "Etichete tipărite: {count} din {total}",
      "print.allDone": "Eticheta fiecărui retur selectat este în PDF.",
      "print.skipped": "Fără etichetă PDF: {list}",
      "print.noneTitle": "Nicio etichetă PDF de tipărit",
      "print.failedTitle": "Etichetele nu au putut fi pregătite",
      "print.tooMany": "Selectați cel mult {max} retururi pentru o tipărire.",
      "reject.title.one": "Respinge acest retur", "reject.title.few": "Respinge {count} retururi",
      "reject.title.other": "Respinge {count} de retururi",
      "reject.reasonLabel": "Motiv (afișat clientului)",
      "reject.reasonRequired": "Introduceți un motiv.",
      "reject.cancel": "Renunță", "reject.confirm": "Respinge",
      "status.REQUESTED": "Solicitat", "status.NEEDS_REVIEW": "De verificat",
      "status.APPROVED": "Aprobat", "status.REJECTED": "Respins",
      "status.LABEL_ISSUED": "Etichetă emisă", "status.IN_TRANSIT": "În tranzit",
      "status.RECEIVED": "Primit", "status.INSPECTED": "Verificat",
      "status.REFUNDED": "Rambursat", "status.EXCHANGED": "Schimbat",
      "status.STORE_CREDIT": "Credit în magazin", "status.CLOSED": "Închis",
      "status.CANCELLED": "Anulat",
      "method.PICKUP": "Ridicare de la curier", "method.DROP_OFF": "Punct de predare",
      "method.LOCKER": "Easybox / locker", "method.SELF_SHIP": "Expediere proprie",
    },
    pl: {
      "inbox.title": "Zwroty",
      "tab.NEEDS_REVIEW": "Do weryfikacji", "tab.REQUESTED": "Zgłoszone", "tab.APPROVED": "Zaakceptowane",
      "tab.LABEL_ISSUED": "Etykieta wydana", "tab.IN_TRANSIT": "W drodze", "tab.RECEIVED": "Odebrane",
      "tab.REFUNDED": "Zwrócone środki", "tab.CLOSED": "Zamknięte", "tab.ALL": "Wszystkie",
      "filter.search": "Szukaj",
      "filter.searchPlaceholder": "RMA, numer zamówienia, e-mail lub numer przesyłki",
      "filter.createdFrom": "Utworzone od", "filter.createdTo": "Utworzone do",
      "filter.reason": "Powód", "filter.method": "Metoda", "filter.carrier": "Przewoźnik",
      "filter.sort": "Sortowanie", "filter.any": "Dowolny", "filter.clear": "Wyczyść filtry",
      "filter.family": "Rodzaj powodu", "filter.market": "Rynek", "filter.overdue": "Tylko po terminie",
      "family.CONTROLLABLE": "Z winy sklepu", "family.CUSTOMER": "Decyzja klienta",
      "sort.NEWEST": "Najnowsze", "sort.OLDEST": "Najstarsze", "sort.STATUS": "Według statusu",
      "col.rma": "RMA", "col.order": "Zamówienie", "col.customer": "Klient", "col.status": "Status",
      "col.method": "Metoda", "col.refund": "Kwota zwrotu", "col.created": "Utworzono",
      "col.selectAll": "Zaznacz wszystkie widoczne zwroty", "col.select": "Zaznacz {rma}",
      "order.open": "Otwórz zamówienie #{number} w Dashboardzie",
      "state.loading": "Wczytywanie zwrotów…",
      "state.emptyTitle": "Brak zwrotów",
      "state.emptyText": "Nic nie pasuje do tej zakładki i tych filtrów.",
      "state.errorTitle": "Nie udało się wczytać zwrotów",
      "state.unreachable": "Aplikacja nie odpowiedziała. Sprawdź połączenie i spróbuj ponownie.",
      "state.retry": "Spróbuj ponownie",
      "list.loadMore": "Wczytaj więcej", "list.loadingMore": "Wczytywanie…",
      "list.shown": "Wyświetlono {shown} z {total}", "count.atLeast": "{count}+",
      "bulk.selected": "Zaznaczono: {count}", "bulk.approve": "Zaakceptuj", "bulk.reject": "Odrzuć",
      "bulk.approving": "Akceptowanie {done} z {total}…",
      "bulk.rejecting": "Odrzucanie {done} z {total}…",
      "bulk.approvedTitle": "Zaakceptowano zwroty: {count} z {total}",
      "bulk.rejectedTitle": "Odrzucono zwroty: {count} z {total}",
      "bulk.allDone": "Wszystkie zaznaczone zwroty zostały zaktualizowane.",
      "bulk.failed": "Bez zmian: {list}",
      "export.csv": "Eksportuj CSV", "export.preparing": "Przygotowywanie…",
      "export.failedTitle": "Eksport CSV nie powiódł się",
      "bulk.print": "Drukuj etykiety", "print.preparing": "Przygotowywanie etykiet ({count})…",
      "print.doneTitle": "Wydrukowane etykiety: {count} z {total}",
      "print.allDone": "Etykiety wszystkich zaznaczonych zwrotów są w pliku PDF.",
      "print.skipped": "Brak etykiety PDF: {list}",
      "print.noneTitle": "Brak etykiet PDF do wydruku",
      "print.failedTitle": "Nie udało się przygotować etykiet",
      "print.tooMany": "Zaznacz najwyżej {max} zwrotów do jednego wydruku.",
      "reject.title.one": "Odrzuć ten zwrot", "reject.title.few": "Odrzuć {count} zwroty",
      "reject.title.many": "Odrzuć {count} zwrotów", "reject.title.other": "Odrzuć {count} zwrotu",
      "reject.reasonLabel": "Powód (widoczny dla klienta)",
      "reject.reasonRequired": "Podaj powód.",
      "reject.cancel": "Anuluj", "reject.confirm": "Odrzuć",
      "status.REQUESTED": "Zgłoszony", "status.NEEDS_REVIEW": "Do weryfikacji",
      "status.APPROVED": "Zaakceptowany", "status.REJECTED": "Odrzucony",
      "status.LABEL_ISSUED": "Etykieta wydana", "status.IN_TRANSIT": "W drodze",
      "status.RECEIVED": "Odebrany", "status.INSPECTED": "Sprawdzony",
      "status.REFUNDED": "Zwrócono środki", "status.EXCHANGED": "Wymieniony",
      "status.STORE_CREDIT": "Środki w sklepie", "status.CLOSED": "Zamknięty",
      "status.CANCELLED": "Anulowany",
      "method.PICKUP": "Odbiór przez kuriera", "method.DROP_OFF": "Punkt nadania",
      "method.LOCKER": "Paczkomat", "method.SELF_SHIP": "Wysyłka we własnym zakresie",
    },
    cs: {
      "inbox.title": "Vratky",
      "tab.NEEDS_REVIEW": "Ke kontrole", "tab.REQUESTED": "Požadované", "tab.APPROVED": "Schválené",
      "tab.LABEL_ISSUED": "Štítek vystaven", "tab.IN_TRANSIT": "Na cestě", "tab.RECEIVED": "Přijaté",
      "tab.REFUNDED": "Vrácené peníze", "tab.CLOSED": "Uzavřené", "tab.ALL": "Vše",
      "filter.search": "Hledat",
      "filter.searchPlaceholder": "RMA, číslo objednávky, e-mail nebo číslo zásilky",
      "filter.createdFrom": "Vytvořeno od", "filter.createdTo": "Vytvořeno do",
      "filter.reason": "Důvod", "filter.method": "Způsob", "filter.carrier": "Dopravce",
      "filter.sort": "Řazení", "filter.any": "Jakýkoli", "filter.clear": "Zrušit filtry",
      "filter.family": "Typ důvodu", "filter.market": "Trh", "filter.overdue": "Jen po termínu",
      "family.CONTROLLABLE": "Chyba obchodu", "family.CUSTOMER": "Volba zákazníka",
      "sort.NEWEST": "Nejnovější", "sort.OLDEST": "Nejstarší", "sort.STATUS": "Podle stavu",
      "col.rma": "RMA", "col.order": "Objednávka", "col.customer": "Zákazník", "col.status": "Stav",
      "col.method": "Způsob", "col.refund": "Vrácená částka", "col.created": "Vytvořeno",
      "col.selectAll": "Vybrat všechny zobrazené vratky", "col.select": "Vybrat {rma}",
      "order.open": "Otevřít objednávku #{number} v Dashboardu",
      "state.loading": "Načítání vratek…",
      "state.emptyTitle": "Žádné vratky",
      "state.emptyText": "Této záložce a filtrům nic neodpovídá.",
      "state.errorTitle": "Vratky se nepodařilo načíst",
      "state.unreachable": "Aplikace neodpověděla. Zkontrolujte připojení a zkuste to znovu.",
      "state.retry": "Zkusit znovu",
      "list.loadMore": "Načíst další", "list.loadingMore": "Načítání…",
      "list.shown": "Zobrazeno {shown} z {total}", "count.atLeast": "{count}+",
      "bulk.selected": "Vybráno: {count}", "bulk.approve": "Schválit", "bulk.reject": "Zamítnout",
      "bulk.approving": "Schvalování {done} z {total}…",
      "bulk.rejecting": "Zamítání {done} z {total}…",
      "bulk.approvedTitle": "Schválené vratky: {count} z {total}",
      "bulk.rejectedTitle": "Zamítnuté vratky: {count} z {total}",
      "bulk.allDone": "Všechny vybrané vratky byly aktualizovány.",
      "bulk.failed": "Nezměněno: {list}",
      "export.csv": "Exportovat CSV", "export.preparing": "Připravuje se…",
      "export.failedTitle": "Export CSV se nezdařil",
      "bulk.print": "Tisknout štítky", "print.preparing": "Příprava štítků ({count})…",
      "print.doneTitle": "Vytištěné štítky: {count} z {total}",
      "print.allDone": "Štítky všech vybraných vratek jsou v PDF.",
      "print.skipped": "Bez štítku PDF: {list}",
      "print.noneTitle": "Žádné štítky PDF k tisku",
      "print.failedTitle": "Štítky se nepodařilo připravit",
      "print.tooMany": "K jednomu tisku vyberte nejvýše {max} vratek.",
      "reject.title.one": "Zamítnout tuto vratku", "reject.title.few": "Zamítnout {count} vratky",
      "reject.title.many": "Zamítnout {count} vratky", "reject.title.other": "Zamítnout {count} vratek",
      "reject.reasonLabel": "Důvod (uvidí jej zákazník)",
      "reject.reasonRequired": "Uveďte důvod.",
      "reject.cancel": "Zrušit", "reject.confirm": "Zamítnout",
      "status.REQUESTED": "Požadováno", "status.NEEDS_REVIEW": "Ke kontrole",
      "status.APPROVED": "Schváleno", "status.REJECTED": "Zamítnuto",
      "status.LABEL_ISSUED": "Štítek vystaven", "status.IN_TRANSIT": "Na cestě",
      "status.RECEIVED": "Přijato", "status.INSPECTED": "Zkontrolováno",
      "status.REFUNDED": "Peníze vráceny", "status.EXCHANGED": "Vyměněno",
      "status.STORE_CREDIT": "Kredit v obchodě", "status.CLOSED": "Uzavřeno",
      "status.CANCELLED": "Zrušeno",
      "method.PICKUP": "Vyzvednutí kurýrem", "method.DROP_OFF": "Výdejní místo",
      "method.LOCKER": "Box", "method.SELF_SHIP": "Vlastní odeslání",
    },
  });

  // --- What the tabs, filters and badges mean ------------------------------------------------
  // A tab is a group of statuses; ALL filters on none. Statuses beyond the tabs' names live in
  // the closest tab (inspected with received, exchanges and store credit with refunded, rejected
  // and cancelled with closed), so every return is in exactly one tab besides ALL.
  const TABS = {
    NEEDS_REVIEW: ["NEEDS_REVIEW"],
    REQUESTED: ["REQUESTED"],
    APPROVED: ["APPROVED"],
    LABEL_ISSUED: ["LABEL_ISSUED"],
    IN_TRANSIT: ["IN_TRANSIT"],
    RECEIVED: ["RECEIVED", "INSPECTED"],
    REFUNDED: ["REFUNDED", "EXCHANGED", "STORE_CREDIT"],
    CLOSED: ["CLOSED", "REJECTED", "CANCELLED"],
    ALL: [],
  };
  const METHODS = ["PICKUP", "DROP_OFF", "LOCKER", "SELF_SHIP"];
  const MAX_LABELS = 200; // per merged PDF (POST /api/labels/merged)

  const LIST_QUERY = `
    query Inbox($filter: ReturnRequestFilterInput, $first: Int, $after: String,
                $sortBy: ReturnRequestSortField) {
      returnRequests(filter: $filter, first: $first, after: $after, sortBy: $sortBy) {
        pageInfo { hasNextPage endCursor }
        edges { node {
          id rma orderId orderNumber customerEmail status method createdAt
          statusChangedAt dueAt isOverdue
          refundAmount { amount currency }
        } }
      }
    }`;
  const COUNTS_QUERY = `
    query InboxCounts($filter: ReturnRequestFilterInput) {
      returnRequestCounts(filter: $filter) { status count capped }
    }`;
  const CARRIERS_QUERY = "query InboxCarriers { carriers { code name } }";
  const MARKETS_QUERY = "query InboxMarkets { markets { id name } }";
  // The store's reason catalogue, labelled in the staff member's language.
  const REASONS_QUERY = `
    query InboxReasons($languageCode: String) {
      returnReasons(languageCode: $languageCode) { code label }
    }`;
  const APPROVE_MUTATION = `
    mutation InboxApprove($id: ID!) {
      returnRequestApprove(id: $id) { returnRequest { id status } errors { code message } }
    }`;
  const REJECT_MUTATION = `
    mutation InboxReject($id: ID!, $reason: String!) {
      returnRequestReject(id: $id, reason: $reason) {
        returnRequest { id status } errors { code message }
      }
    }`;

  // --- Elements and state --------------------------------------------------------------------
  const $ = function (id) { return document.getElementById(id); };
  const root = $("inbox");
  const form = $("filters");
  const elements = {
    tabs: Array.prototype.slice.call(document.querySelectorAll("[data-tab]")),
    rows: $("rows"), loading: $("loading"), empty: $("empty"), error: $("error"),
    errorText: $("error-text"), loadMore: $("load-more"), shown: $("shown"),
    selectAll: $("select-all"), bulkbar: $("bulkbar"), selectedCount: $("selected-count"),
    approve: $("bulk-approve"), reject: $("bulk-reject"), progress: $("bulk-progress"),
    progressBar: $("bulk-progress-bar"), progressText: $("bulk-progress-text"),
    dialog: $("reject-dialog"), dialogForm: $("reject-form"), dialogTitle: $("reject-title"),
    reason: $("reject-reason"), reasonError: $("reject-error"), dialogCancel: $("reject-cancel"),
    reasonFilter: $("reason-filter"), methodFilter: $("method-filter"),
    carrierFilter: $("carrier-filter"), marketFilter: $("market-filter"), search: $("search"),
    exportButton: $("export-csv"), exportLabel: $("export-label"),
    exportSpinner: $("export-spinner"), print: $("bulk-print"),
  };

  function pageSize() {
    const fromQuery = parseInt(bridge.params.get("pageSize"), 10);
    const size = fromQuery || parseInt(root.dataset.pageSize, 10) || 20;
    return Math.min(Math.max(size, 1), 100);
  }

  const state = {
    tab: "ALL",
    nodes: [],
    counts: null,
    endCursor: null,
    hasNextPage: false,
    selected: new Set(),
    generation: 0, // bumped by every fresh list load; stale answers are dropped
    started: false,
    busy: false,
    carriers: [],
    markets: [], // {id, name} from the API
    reasons: [], // {code, label} from the API
    reasonsGeneration: 0, // bumped by every reasons load (locale changes); stale ones dropped
    exporting: false,
    errorMessage: null,
  };

  // --- Formatting ----------------------------------------------------------------------------
  function formatMoney(money) {
    return money ? ui.formatMoney(money) : "";
  }

  function localMidnight(value, plusDays) {
    const parts = value.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2] + (plusDays || 0)).toISOString();
  }

  // --- The API's filter from the form --------------------------------------------------------
  function currentFilter(withStatus) {
    const data = new FormData(form);
    const filter = {};
    const search = String(data.get("search") || "").trim();
    if (search) filter.search = search;
    if (data.get("createdFrom")) filter.createdAfter = localMidnight(data.get("createdFrom"));
    // "Created to" includes its whole day; the API's bound is exclusive.
    if (data.get("createdTo")) filter.createdBefore = localMidnight(data.get("createdTo"), 1);
    ["reason", "method", "carrier", "reasonFamily", "marketId"].forEach(function (name) {
      if (data.get(name)) filter[name] = data.get(name);
    });
    if (data.get("overdue")) filter.overdue = true;
    if (withStatus && TABS[state.tab].length) filter.status = TABS[state.tab];
    return filter;
  }

  // --- Loading -------------------------------------------------------------------------------
  function loadCounts() {
    return bridge.graphql(COUNTS_QUERY, { filter: currentFilter(false) }).then(function (body) {
      if (!body.data || !body.data.returnRequestCounts) return;
      const counts = {};
      body.data.returnRequestCounts.forEach(function (row) { counts[row.status] = row; });
      state.counts = counts;
      renderCounts();
      renderShown();
    }).catch(function () { /* the list shows the error */ });
  }

  function loadList(append) {
    const generation = append ? state.generation : ++state.generation;
    const variables = {
      filter: currentFilter(true),
      first: pageSize(),
      after: append ? state.endCursor : null,
      sortBy: form.elements.sortBy.value,
    };
    setLoading(true, append);
    return bridge.graphql(LIST_QUERY, variables).then(function (body) {
      if (generation !== state.generation) return;
      const connection = body.data && body.data.returnRequests;
      if (!connection) {
        showError(ui.errorMessage(body) || t("state.unreachable"));
        return;
      }
      const nodes = connection.edges.map(function (edge) { return edge.node; });
      state.nodes = append ? state.nodes.concat(nodes) : nodes;
      state.endCursor = connection.pageInfo.endCursor;
      state.hasNextPage = connection.pageInfo.hasNextPage;
      state.errorMessage = null;
      if (!append) state.selected.clear();
      renderList();
    }, function () {
      if (generation === state.generation) showError(t("state.unreachable"));
    }).then(function () {
      if (generation === state.generation) setLoading(false, append);
    });
  }

  // A fresh first page and fresh counts (filters, tab or sort changed, or after an action).
  function reload() {
    return Promise.all([loadList(false), loadCounts()]);
  }

  function loadReasons() {
    const generation = ++state.reasonsGeneration;
    return bridge.graphql(REASONS_QUERY, { languageCode: i18n.language() }).then(function (body) {
      if (generation !== state.reasonsGeneration || !body.data || !body.data.returnReasons) return;
      state.reasons = body.data.returnReasons;
      renderReasonOptions();
    }).catch(function () { /* the filter keeps "Any" only */ });
  }

  function loadMarkets() {
    return bridge.graphql(MARKETS_QUERY).then(function (body) {
      state.markets = (body.data && body.data.markets) || [];
      renderMarketOptions();
    }).catch(function () { /* the filter keeps "Any" only */ });
  }

  function loadCarriers() {
    return bridge.graphql(CARRIERS_QUERY).then(function (body) {
      state.carriers = (body.data && body.data.carriers) || [];
      renderCarrierOptions();
    }).catch(function () { /* the filter keeps "Any" only */ });
  }

  // --- Rendering -----------------------------------------------------------------------------
  function setLoading(loading, append) {
    root.setAttribute("aria-busy", loading ? "true" : "false");
    elements.loading.hidden = !(loading && !append);
    elements.loadMore.disabled = loading;
    elements.loadMore.textContent = t(loading && append ? "list.loadingMore" : "list.loadMore");
    if (loading && !append) {
      elements.error.hidden = true;
      elements.empty.hidden = true;
    }
  }

  function showError(message) {
    state.errorMessage = message;
    state.nodes = [];
    state.hasNextPage = false;
    renderList();
  }

  // A tab's returns: the sum of its statuses' counts; "1,000+" when one of them was capped.
  function tabTotal(tab) {
    const counts = state.counts || {};
    const statuses = TABS[tab].length ? TABS[tab] : Object.keys(counts);
    return statuses.reduce(function (total, status) {
      const row = counts[status] || { count: 0, capped: false };
      return { count: total.count + row.count, capped: total.capped || row.capped };
    }, { count: 0, capped: false });
  }

  function countText(total) {
    const number = new Intl.NumberFormat(i18n.language()).format(total.count);
    return total.capped ? t("count.atLeast", { count: number }) : number;
  }

  function renderCounts() {
    elements.tabs.forEach(function (tab) {
      tab.querySelector("[data-count]").textContent =
        state.counts ? countText(tabTotal(tab.dataset.tab)) : "";
    });
  }

  function renderTabs() {
    elements.tabs.forEach(function (tab) {
      tab.setAttribute("aria-selected", tab.dataset.tab === state.tab ? "true" : "false");
      tab.tabIndex = tab.dataset.tab === state.tab ? 0 : -1;
    });
  }

  function cell(row, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function renderRow(node) {
    const row = document.createElement("tr");
    row.dataset.id = node.id;
    row.dataset.status = node.status;
    if (state.selected.has(node.id)) row.classList.add("is-selected");

    const check = document.createElement("input");
    check.type = "checkbox";
    check.className = "checkbox";
    check.checked = state.selected.has(node.id);
    check.setAttribute("aria-label", t("col.select", { rma: node.rma }));
    check.addEventListener("change", function () {
      if (check.checked) state.selected.add(node.id); else state.selected.delete(node.id);
      row.classList.toggle("is-selected", check.checked);
      renderSelection();
    });
    cell(row, "table__check").appendChild(check);

    const rma = document.createElement("a");
    rma.className = "link link--strong";
    rma.href = bridge.viewUrl("/dashboard/returns/" + encodeURIComponent(node.id) + "/");
    rma.textContent = node.rma;
    cell(row, "table__rma").appendChild(rma);

    const order = document.createElement("a");
    order.className = "link";
    order.href = "#";
    order.textContent = "#" + node.orderNumber;
    order.title = t("order.open", { number: node.orderNumber });
    order.addEventListener("click", function (event) {
      event.preventDefault();
      bridge.redirect("/orders/" + encodeURIComponent(node.orderId));
    });
    cell(row, "table__order").appendChild(order);

    cell(row, "table__email").textContent = node.customerEmail;

    const badge = document.createElement("span");
    badge.className = "badge badge--" + ui.statusTone(node.status);
    badge.textContent = t("status." + node.status);
    const statusCell = cell(row);
    statusCell.appendChild(badge);
    const overdue = window.SaleorReturnsOverdue.badge(node, false);
    if (overdue) statusCell.appendChild(overdue);

    cell(row).textContent = t("method." + node.method);
    cell(row, "table__num").textContent = formatMoney(node.refundAmount);
    const created = cell(row, "table__date");
    created.textContent = ui.formatDate(node.createdAt, true);
    created.title = node.createdAt;
    return row;
  }

  function renderList() {
    const fragment = document.createDocumentFragment();
    state.nodes.forEach(function (node) { fragment.appendChild(renderRow(node)); });
    elements.rows.replaceChildren(fragment);
    const failed = state.errorMessage !== null;
    elements.error.hidden = !failed;
    elements.errorText.textContent = failed ? state.errorMessage : "";
    elements.empty.hidden = failed || state.nodes.length > 0;
    elements.loadMore.hidden = failed || !state.hasNextPage;
    renderShown();
    renderSelection();
  }

  // The tab's count answers "of how many" (same filters): the list is never counted itself.
  function renderShown() {
    const shown = state.errorMessage === null && state.counts && state.nodes.length;
    elements.shown.textContent = shown
      ? t("list.shown", { shown: state.nodes.length, total: countText(tabTotal(state.tab)) })
      : "";
  }

  function renderSelection() {
    const count = state.selected.size;
    elements.bulkbar.hidden = count === 0 && !state.busy;
    elements.selectedCount.textContent = t("bulk.selected", { count: count });
    elements.approve.disabled = state.busy || count === 0;
    elements.reject.disabled = state.busy || count === 0;
    elements.print.disabled = state.busy || count === 0;
    const shown = state.nodes.length;
    const shownSelected = state.nodes.filter(function (n) { return state.selected.has(n.id); }).length;
    elements.selectAll.checked = shown > 0 && shownSelected === shown;
    elements.selectAll.indeterminate = shownSelected > 0 && shownSelected < shown;
    elements.selectAll.disabled = shown === 0 || state.busy;
    elements.selectAll.setAttribute("aria-label", t("col.selectAll"));
  }

  function option(value, label) {
    const element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    return element;
  }

  // Select options after the first ("Any"), keeping the chosen value.
  function fillOptions(select, entries) {
    const value = select.value;
    while (select.options.length > 1) select.remove(1);
    entries.forEach(function (entry) { select.appendChild(option(entry[0], entry[1])); });
    select.value = value;
  }

  function renderFilterOptions() {
    renderReasonOptions();
    fillOptions(elements.methodFilter, METHODS.map(function (code) { return [code, t("method." + code)]; }));
    renderCarrierOptions();
    renderMarketOptions();
  }

  function renderReasonOptions() {
    fillOptions(elements.reasonFilter, state.reasons.map(function (r) { return [r.code, r.label]; }));
  }

  function renderCarrierOptions() {
    fillOptions(elements.carrierFilter, state.carriers.map(function (c) { return [c.code, c.name]; }));
  }

  function renderMarketOptions() {
    fillOptions(elements.marketFilter, state.markets.map(function (m) { return [m.id, m.name]; }));
  }

  // --- Bulk actions --------------------------------------------------------------------------
  function setProgress(key, done, total) {
    elements.progress.hidden = false;
    elements.progressBar.max = total;
    elements.progressBar.value = done;
    elements.progressText.textContent = t(key, { done: Math.min(done + 1, total), total: total });
  }

  // Runs `mutation` over the selected returns one after another; returns the outcome list.
  function runBulk(kind, extraVariables) {
    const ids = state.nodes.filter(function (n) { return state.selected.has(n.id); });
    // Selected rows are always loaded ones (the selection is cleared on every fresh load).
    const query = kind === "approve" ? APPROVE_MUTATION : REJECT_MUTATION;
    const field = kind === "approve" ? "returnRequestApprove" : "returnRequestReject";
    const progressKey = kind === "approve" ? "bulk.approving" : "bulk.rejecting";
    const outcomes = [];
    state.busy = true;
    root.classList.add("is-busy");
    renderSelection();
    let chain = Promise.resolve();
    ids.forEach(function (node, index) {
      chain = chain.then(function () {
        setProgress(progressKey, index, ids.length);
        const variables = Object.assign({ id: node.id }, extraVariables || {});
        return bridge.graphql(query, variables).then(function (body) {
          const payload = body.data && body.data[field];
          const errors = payload ? payload.errors : (body.errors || []);
          outcomes.push({ node: node, ok: !!payload && errors.length === 0, errors: errors });
        }, function () {
          outcomes.push({ node: node, ok: false, errors: [{ message: t("state.unreachable") }] });
        });
      });
    });
    return chain.then(function () {
      elements.progressBar.value = ids.length;
      const succeeded = outcomes.filter(function (o) { return o.ok; }).length;
      const failures = outcomes.filter(function (o) { return !o.ok; }).map(function (o) {
        const message = o.errors.length ? o.errors[0].message : "";
        return message ? o.node.rma + " (" + message + ")" : o.node.rma;
      });
      const title = t(kind === "approve" ? "bulk.approvedTitle" : "bulk.rejectedTitle",
        { count: succeeded, total: outcomes.length });
      const text = failures.length ? t("bulk.failed", { list: failures.join("; ") }) : t("bulk.allDone");
      const status = failures.length === 0 ? "success" : (succeeded ? "warning" : "error");
      bridge.notify(status, title, text);
      state.busy = false;
      root.classList.remove("is-busy");
      elements.progress.hidden = true;
      state.selected.clear();
      return reload();
    });
  }

  // --- Downloads: the CSV export and the merged labels --------------------------------------
  function pad(number) { return String(number).padStart(2, "0"); }

  function today() {
    const now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // Hands `blob` to the browser as a download named `filename` (the frame may download).
  function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
      link.remove();
    }, 60000);
  }

  // The API's message of a failed download (`{success: false, error: {message}}`).
  function downloadError(response) {
    return response.json().then(function (body) {
      return (body && body.error && body.error.message) || t("state.unreachable");
    }, function () { return t("state.unreachable"); });
  }

  // The inbox's filter (tab included) as the export's query parameters.
  function exportQuery() {
    const filter = currentFilter(true);
    const query = new URLSearchParams();
    (filter.status || []).forEach(function (status) { query.append("status", status); });
    ["search", "createdAfter", "createdBefore", "reason", "method", "carrier", "reasonFamily",
      "marketId"].forEach(function (name) {
      if (filter[name]) query.set(name, filter[name]);
    });
    if (filter.overdue) query.set("overdue", "true");
    return query.toString();
  }

  function renderExport() {
    elements.exportButton.disabled = state.exporting;
    elements.exportButton.setAttribute("aria-busy", state.exporting ? "true" : "false");
    elements.exportSpinner.hidden = !state.exporting;
    elements.exportLabel.textContent = t(state.exporting ? "export.preparing" : "export.csv");
  }

  function exportCsv() {
    if (state.exporting) return;
    state.exporting = true;
    renderExport();
    const filename = "returns-" + today() + ".csv";
    bridge.fetch("/api/returns/export.csv?" + exportQuery()).then(function (response) {
      if (!response.ok) return downloadError(response).then(function (message) { return { message: message }; });
      return response.blob().then(function (blob) { return { blob: blob }; });
    }, function () {
      return { message: t("state.unreachable") };
    }).then(function (outcome) {
      if (outcome.blob) saveBlob(outcome.blob, filename);
      else bridge.notify("error", t("export.failedTitle"), outcome.message);
    }, function () {
      bridge.notify("error", t("export.failedTitle"), t("state.unreachable"));
    }).then(function () {
      state.exporting = false;
      renderExport();
    });
  }

  // One PDF with the selected returns' labels, in the list's order; the server names the
  // returns it skipped (no PDF label) in `X-Skipped`.
  function printLabels() {
    const nodes = state.nodes.filter(function (n) { return state.selected.has(n.id); });
    if (nodes.length > MAX_LABELS) {
      bridge.notify("error", t("print.failedTitle"), t("print.tooMany", { max: MAX_LABELS }));
      return Promise.resolve();
    }
    state.busy = true;
    root.classList.add("is-busy");
    renderSelection();
    elements.progress.hidden = false;
    elements.progressBar.removeAttribute("value"); // indeterminate: one request
    elements.progressText.textContent = t("print.preparing", { count: nodes.length });
    const body = JSON.stringify({ ids: nodes.map(function (n) { return n.id; }) });
    return bridge.fetch("/api/labels/merged", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: body,
    }).then(function (response) {
      const skipped = (response.headers.get("X-Skipped") || "").split(",").filter(Boolean);
      if (!response.ok) {
        return downloadError(response).then(function (message) {
          return { status: response.status, message: message, skipped: skipped };
        });
      }
      return response.blob().then(function (blob) {
        const printed = parseInt(response.headers.get("X-Printed"), 10);
        return { blob: blob, skipped: skipped, printed: isNaN(printed) ? nodes.length - skipped.length : printed };
      });
    }, function () {
      return { message: t("state.unreachable"), skipped: [] };
    }).then(function (outcome) {
      const list = outcome.skipped.join(", ");
      if (outcome.blob) {
        saveBlob(outcome.blob, "labels-" + today() + ".pdf");
        bridge.notify(
          outcome.skipped.length ? "warning" : "success",
          t("print.doneTitle", { count: outcome.printed, total: nodes.length }),
          outcome.skipped.length ? t("print.skipped", { list: list }) : t("print.allDone")
        );
      } else if (outcome.status === 404 && outcome.skipped.length) {
        bridge.notify("error", t("print.noneTitle"), t("print.skipped", { list: list }));
      } else {
        bridge.notify("error", t("print.failedTitle"), outcome.message);
      }
    }).then(function () {
      state.busy = false;
      root.classList.remove("is-busy");
      elements.progress.hidden = true;
      renderSelection();
    });
  }

  function openRejectDialog() {
    elements.dialogTitle.textContent = tp("reject.title", state.selected.size);
    elements.reason.value = "";
    elements.reasonError.hidden = true;
    elements.dialog.showModal();
    elements.reason.focus();
  }

  // --- Events --------------------------------------------------------------------------------
  elements.tabs.forEach(function (tab) {
    tab.addEventListener("click", function () {
      if (state.tab === tab.dataset.tab) return;
      state.tab = tab.dataset.tab;
      renderTabs();
      loadList(false);
    });
    tab.addEventListener("keydown", function (event) {
      const index = elements.tabs.indexOf(tab);
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = elements.tabs[(index + step + elements.tabs.length) % elements.tabs.length];
      next.focus();
      next.click();
    });
  });

  let searchTimer = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(searchTimer);
    if (state.started) reload();
  });
  elements.search.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () { if (state.started) reload(); }, 350);
  });
  form.addEventListener("change", function (event) {
    if (event.target === elements.search) return; // the input handler or Enter reloads
    if (state.started) reload();
  });
  form.addEventListener("reset", function () {
    // The form resets its fields after this event; reload once they are cleared.
    window.setTimeout(function () { if (state.started) reload(); }, 0);
  });

  elements.selectAll.addEventListener("change", function () {
    state.nodes.forEach(function (node) {
      if (elements.selectAll.checked) state.selected.add(node.id); else state.selected.delete(node.id);
    });
    renderList();
  });
  elements.loadMore.addEventListener("click", function () { loadList(true); });
  $("retry").addEventListener("click", reload);
  elements.approve.addEventListener("click", function () {
    if (!state.busy && state.selected.size) runBulk("approve");
  });
  elements.reject.addEventListener("click", function () {
    if (!state.busy && state.selected.size) openRejectDialog();
  });
  elements.print.addEventListener("click", function () {
    if (!state.busy && state.selected.size) printLabels();
  });
  elements.exportButton.addEventListener("click", exportCsv);
  elements.reason.addEventListener("input", function () { elements.reasonError.hidden = true; });
  elements.dialogCancel.addEventListener("click", function () { elements.dialog.close(); });
  elements.dialogForm.addEventListener("submit", function (event) {
    event.preventDefault();
    const reason = elements.reason.value.trim();
    if (!reason) {
      elements.reasonError.hidden = false;
      elements.reason.focus();
      return;
    }
    elements.dialog.close();
    runBulk("reject", { reason: reason });
  });

  // --- Bridge --------------------------------------------------------------------------------
  i18n.onChange(function () {
    if (state.started) loadReasons(); // labelled in the new language
    renderExport();
    renderFilterOptions();
    renderCounts();
    renderList();
    if (elements.dialog.open) {
      elements.dialogTitle.textContent = tp("reject.title", state.selected.size);
    }
  });
  bridge.onLocale(function (locale) { i18n.setLocale(locale); });
  renderTabs();
  renderFilterOptions();
  // The first token loads the inbox; later ones (tokenRefresh) are used by the next call.
  bridge.onToken(function () {
    if (state.started) return;
    state.started = true;
    loadReasons();
    loadCarriers();
    loadMarkets();
    reload();
  });
})();
