// Settings → Markets and policies (settings_markets.html): the store's markets (list, create,
// edit in an in-page form, delete after a <dialog> confirmation) and each market's return
// policy editor, where "Publish" creates the policy's next version. Reads need MANAGE_ORDERS,
// writes MANAGE_APPS: the API decides, the page only hides what it would refuse and shows the
// API's refusal. Loaded after settings.js, on the same page; owns only its own section.
(function () {
  "use strict";
  const section = document.getElementById("markets-section");
  if (!section) return;
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const make = ui.make;
  const t = i18n.t;

  const METHODS = ["PICKUP", "DROP_OFF", "LOCKER", "SELF_SHIP"];
  // Decimal strings only ("12.50" or "12,50"): anything else the API would refuse as a whole.
  const AMOUNT = /^\d+([.,]\d+)?$/;

  // --- Catalogues ---------------------------------------------------------------------------
  i18n.register({
    en: {
      "markets.title": "Markets and policies", "markets.add": "Add market",
      "markets.intro": "An order belongs to the market of its channel, else of its country, else to the default market. Each market has its own return policy.",
      "markets.col.name": "Name", "markets.col.countries": "Countries", "markets.col.channels": "Channels",
      "markets.col.currency": "Currency", "markets.col.language": "Language", "markets.col.timeZone": "Time zone",
      "markets.col.policy": "Policy", "markets.col.returns": "Returns", "markets.col.actions": "Actions",
      "markets.default": "Default", "markets.defaultPolicy": "Default policy", "markets.version": "v{version}",
      "markets.edit": "Edit", "markets.view": "View", "markets.policy": "Policy", "markets.delete": "Delete",
      "markets.emptyTitle": "No markets yet",
      "markets.emptyText": "Until you add one, every order gets the default return policy.",
      "markets.unreachable": "The app did not answer. Check your connection and try again.",
      "market.newTitle": "New market", "market.editTitle": "Edit “{name}”", "market.viewTitle": "“{name}”",
      "market.name": "Name", "market.countries": "Countries (ISO codes, comma-separated)",
      "market.channels": "Channels (Saleor slugs, comma-separated)", "market.currency": "Currency (ISO 4217)",
      "market.language": "Language (e.g. ro, pl)", "market.timeZone": "Time zone", "market.refundTrigger": "Refund",
      "trigger.ON_RECEIPT": "When the parcel is received", "trigger.ON_INSPECTION": "When the items are inspected",
      "trigger.ON_DELIVERY_SCAN": "When the carrier delivers the parcel", "trigger.MANUAL": "Only when staff refund",
      "market.isDefault": "Default market (orders no other market claims)",
      "market.receiveOnDelivery": "Receive the return when the carrier delivers it to the warehouse",
      "market.cancel": "Cancel", "market.save": "Save market", "market.saving": "Saving…",
      "market.saved": "Market saved", "market.failed": "The market was not saved",
      "market.fixErrors": "Check the highlighted fields.",
      "delete.title": "Delete “{name}”?",
      "delete.text": "Its policy versions and carrier rules are deleted with it. A market with returns cannot be deleted.",
      "delete.cancel": "Cancel", "delete.confirm": "Delete market", "delete.deleting": "Deleting…",
      "delete.done": "Market deleted", "delete.failed": "The market was not deleted",
      "policy.title": "Return policy of “{name}”",
      "policy.current": "In force: version {version}, published {date}.",
      "policy.currentBy": "In force: version {version}, published {date} by {email}.",
      "policy.defaults": "In force: the default policy (no version published yet).",
      "policy.amounts": "Amounts in {currency}. Empty fee: free.",
      "policy.window": "Return window", "policy.windowDays": "Days to return",
      "policy.windowStarts": "The window starts at", "start.DELIVERY": "Delivery",
      "start.FULFILLMENT": "Fulfilment (shipping)",
      "policy.orders": "Which orders and items", "policy.minOrderTotal": "Minimum order total (empty: any)",
      "policy.productTypes": "Excluded product types (comma-separated)",
      "policy.categories": "Excluded categories (comma-separated)",
      "policy.collections": "Excluded collections (comma-separated)",
      "policy.skus": "Excluded SKUs (comma-separated)",
      "policy.finalSaleKey": "Final-sale metadata key (value true, 1 or yes)",
      "policy.discounted": "Discounted items can be returned",
      "policy.exceptions": "Customer exceptions",
      "policy.exceptionsHint": "Customers who get extra days in their return window.",
      "policy.email": "E-mail", "policy.extraDays": "Extra days", "policy.addException": "Add customer",
      "policy.remove": "Remove",
      "policy.methods": "Return methods and their fees", "policy.fee": "Fee", "policy.free": "Free",
      "method.PICKUP": "Courier pickup", "method.DROP_OFF": "Drop-off point", "method.LOCKER": "Locker",
      "method.SELF_SHIP": "Self-ship",
      "policy.fees": "Restocking and free returns", "policy.restockingPercent": "Restocking fee (% of the items)",
      "policy.restockingFixed": "Restocking fee (fixed)", "policy.freeOver": "Free returns for items over (empty: never)",
      "policy.controllableFree": "Free when the store caused the return (damaged, defective, wrong item)",
      "policy.review": "Approval", "policy.reviewAbove": "Staff review returns worth over (empty: never)",
      "policy.autoApprove": "Approve eligible returns automatically",
      "policy.reviewPhoto": "Review when a required photo is missing",
      "policy.resolutions": "What shoppers can ask for", "resolution.REFUND": "Refund",
      "resolution.EXCHANGE": "Exchange", "resolution.STORE_CREDIT": "Store credit",
      "policy.close": "Close", "policy.publish": "Publish", "policy.publishing": "Publishing…",
      "policy.published": "Version {version} published", "policy.failed": "The policy was not published",
      "policy.amountInvalid": "Enter an amount like 12.50.", "policy.daysInvalid": "Enter a whole number of days.",
    },
    ro: {
      "markets.title": "Piețe și politici", "markets.add": "Adaugă piață",
      "markets.intro": "O comandă aparține pieței canalului ei, altfel celei a țării ei, altfel pieței implicite. Fiecare piață are propria politică de retur.",
      "markets.col.name": "Nume", "markets.col.countries": "Țări", "markets.col.channels": "Canale",
      "markets.col.currency": "Monedă", "markets.col.language": "Limbă", "markets.col.timeZone": "Fus orar",
      "markets.col.policy": "Politică", "markets.col.returns": "Retururi", "markets.col.actions": "Acțiuni",
      "markets.default": "Implicită", "markets.defaultPolicy": "Politica implicită", "markets.version": "v{version}",
      "markets.edit": "Editează", "markets.view": "Vezi", "markets.policy": "Politică", "markets.delete": "Șterge",
      "markets.emptyTitle": "Nicio piață",
      "markets.emptyText": "Până adăugați una, fiecare comandă primește politica de retur implicită.",
      "markets.unreachable": "Aplicația nu a răspuns. Verificați conexiunea și încercați din nou.",
      "market.newTitle": "Piață nouă", "market.editTitle": "Editează „{name}”", "market.viewTitle": "„{name}”",
      "market.name": "Nume", "market.countries": "Țări (coduri ISO, separate prin virgulă)",
      "market.channels": "Canale (slug-uri Saleor, separate prin virgulă)", "market.currency": "Monedă (ISO 4217)",
      "market.language": "Limbă (de ex. ro, pl)", "market.timeZone": "Fus orar", "market.refundTrigger": "Rambursare",
      "trigger.ON_RECEIPT": "La primirea coletului", "trigger.ON_INSPECTION": "După verificarea produselor",
      "trigger.ON_DELIVERY_SCAN": "Când curierul livrează coletul", "trigger.MANUAL": "Doar când rambursează personalul",
      "market.isDefault": "Piață implicită (comenzile pe care nu le revendică altă piață)",
      "market.receiveOnDelivery": "Returul este primit când curierul îl livrează la depozit",
      "market.cancel": "Renunță", "market.save": "Salvează piața", "market.saving": "Se salvează…",
      "market.saved": "Piața a fost salvată", "market.failed": "Piața nu a fost salvată",
      "market.fixErrors": "Verificați câmpurile marcate.",
      "delete.title": "Ștergeți „{name}”?",
      "delete.text": "Versiunile politicii și regulile de curierat se șterg odată cu ea. O piață cu retururi nu poate fi ștearsă.",
      "delete.cancel": "Renunță", "delete.confirm": "Șterge piața", "delete.deleting": "Se șterge…",
      "delete.done": "Piața a fost ștearsă", "delete.failed": "Piața nu a fost ștearsă",
      "policy.title": "Politica de retur pentru „{name}”",
      "policy.current": "În vigoare: versiunea {version}, publicată {date}.",
      "policy.currentBy": "În vigoare: versiunea {version}, publicată {date} de {email}.",
      "policy.defaults": "În vigoare: politica implicită (nicio versiune publicată încă).",
      "policy.amounts": "Sume în {currency}. Taxă goală: gratuit.",
      "policy.window": "Perioada de retur", "policy.windowDays": "Zile pentru retur",
      "policy.windowStarts": "Perioada începe la", "start.DELIVERY": "Livrare",
      "start.FULFILLMENT": "Expediere",
      "policy.orders": "Ce comenzi și produse", "policy.minOrderTotal": "Valoare minimă a comenzii (gol: oricare)",
      "policy.productTypes": "Tipuri de produse excluse (separate prin virgulă)",
      "policy.categories": "Categorii excluse (separate prin virgulă)",
      "policy.collections": "Colecții excluse (separate prin virgulă)",
      "policy.skus": "SKU-uri excluse (separate prin virgulă)",
      "policy.finalSaleKey": "Cheie de metadate pentru vânzare finală (valoare true, 1 sau yes)",
      "policy.discounted": "Produsele reduse pot fi returnate",
      "policy.exceptions": "Excepții pentru clienți",
      "policy.exceptionsHint": "Clienți care primesc zile în plus pentru retur.",
      "policy.email": "E-mail", "policy.extraDays": "Zile în plus", "policy.addException": "Adaugă client",
      "policy.remove": "Elimină",
      "policy.methods": "Metode de retur și taxele lor", "policy.fee": "Taxă", "policy.free": "Gratuit",
      "method.PICKUP": "Ridicare de la curier", "method.DROP_OFF": "Punct de predare", "method.LOCKER": "Easybox / locker",
      "method.SELF_SHIP": "Expediere proprie",
      "policy.fees": "Taxă de reaprovizionare și retururi gratuite",
      "policy.restockingPercent": "Taxă de reaprovizionare (% din produse)",
      "policy.restockingFixed": "Taxă de reaprovizionare (fixă)",
      "policy.freeOver": "Retur gratuit pentru produse de peste (gol: niciodată)",
      "policy.controllableFree": "Gratuit când magazinul a cauzat returul (deteriorat, defect, produs greșit)",
      "policy.review": "Aprobare", "policy.reviewAbove": "Personalul verifică retururile de peste (gol: niciodată)",
      "policy.autoApprove": "Aprobă automat retururile eligibile",
      "policy.reviewPhoto": "Verificare când lipsește o fotografie obligatorie",
      "policy.resolutions": "Ce pot cere cumpărătorii", "resolution.REFUND": "Rambursare",
      "resolution.EXCHANGE": "Schimb", "resolution.STORE_CREDIT": "Credit în magazin",
      "policy.close": "Închide", "policy.publish": "Publică", "policy.publishing": "Se publică…",
      "policy.published": "Versiunea {version} a fost publicată", "policy.failed": "Politica nu a fost publicată",
      "policy.amountInvalid": "Introduceți o sumă, de ex. 12,50.", "policy.daysInvalid": "Introduceți un număr întreg de zile.",
    },
    pl: {
      "markets.title": "Rynki i zasady", "markets.add": "Dodaj rynek",
      "markets.intro": "Zamówienie należy do rynku swojego kanału, w przeciwnym razie do rynku swojego kraju, a w końcu do rynku domyślnego. Każdy rynek ma własne zasady zwrotów.",
      "markets.col.name": "Nazwa", "markets.col.countries": "Kraje", "markets.col.channels": "Kanały",
      "markets.col.currency": "Waluta", "markets.col.language": "Język", "markets.col.timeZone": "Strefa czasowa",
      "markets.col.policy": "Zasady", "markets.col.returns": "Zwroty", "markets.col.actions": "Akcje",
      "markets.default": "Domyślny", "markets.defaultPolicy": "Zasady domyślne", "markets.version": "v{version}",
      "markets.edit": "Edytuj", "markets.view": "Pokaż", "markets.policy": "Zasady", "markets.delete": "Usuń",
      "markets.emptyTitle": "Brak rynków",
      "markets.emptyText": "Dopóki nie dodasz rynku, każde zamówienie podlega domyślnym zasadom zwrotów.",
      "markets.unreachable": "Aplikacja nie odpowiedziała. Sprawdź połączenie i spróbuj ponownie.",
      "market.newTitle": "Nowy rynek", "market.editTitle": "Edytuj „{name}”", "market.viewTitle": "„{name}”",
      "market.name": "Nazwa", "market.countries": "Kraje (kody ISO, oddzielone przecinkami)",
      "market.channels": "Kanały (slugi Saleor, oddzielone przecinkami)", "market.currency": "Waluta (ISO 4217)",
      "market.language": "Język (np. ro, pl)", "market.timeZone": "Strefa czasowa", "market.refundTrigger": "Zwrot pieniędzy",
      "trigger.ON_RECEIPT": "Po otrzymaniu paczki", "trigger.ON_INSPECTION": "Po sprawdzeniu produktów",
      "trigger.ON_DELIVERY_SCAN": "Gdy przewoźnik doręczy paczkę", "trigger.MANUAL": "Tylko ręcznie przez obsługę",
      "market.isDefault": "Rynek domyślny (zamówienia, których nie obejmuje inny rynek)",
      "market.receiveOnDelivery": "Przyjmij zwrot, gdy przewoźnik doręczy go do magazynu",
      "market.cancel": "Anuluj", "market.save": "Zapisz rynek", "market.saving": "Zapisywanie…",
      "market.saved": "Rynek zapisany", "market.failed": "Rynek nie został zapisany",
      "market.fixErrors": "Sprawdź zaznaczone pola.",
      "delete.title": "Usunąć „{name}”?",
      "delete.text": "Wersje zasad i reguły przewoźników zostaną usunięte razem z nim. Rynku ze zwrotami nie można usunąć.",
      "delete.cancel": "Anuluj", "delete.confirm": "Usuń rynek", "delete.deleting": "Usuwanie…",
      "delete.done": "Rynek usunięty", "delete.failed": "Rynek nie został usunięty",
      "policy.title": "Zasady zwrotów rynku „{name}”",
      "policy.current": "Obowiązuje: wersja {version}, opublikowana {date}.",
      "policy.currentBy": "Obowiązuje: wersja {version}, opublikowana {date} przez {email}.",
      "policy.defaults": "Obowiązują zasady domyślne (nie opublikowano jeszcze żadnej wersji).",
      "policy.amounts": "Kwoty w {currency}. Pusta opłata: bezpłatnie.",
      "policy.window": "Termin zwrotu", "policy.windowDays": "Dni na zwrot",
      "policy.windowStarts": "Termin liczy się od", "start.DELIVERY": "Doręczenia",
      "start.FULFILLMENT": "Wysyłki",
      "policy.orders": "Które zamówienia i produkty", "policy.minOrderTotal": "Minimalna wartość zamówienia (puste: dowolna)",
      "policy.productTypes": "Wykluczone typy produktów (oddzielone przecinkami)",
      "policy.categories": "Wykluczone kategorie (oddzielone przecinkami)",
      "policy.collections": "Wykluczone kolekcje (oddzielone przecinkami)",
      "policy.skus": "Wykluczone SKU (oddzielone przecinkami)",
      "policy.finalSaleKey": "Klucz metadanych wyprzedaży końcowej (wartość true, 1 lub yes)",
      "policy.discounted": "Produkty przecenione można zwrócić",
      "policy.exceptions": "Wyjątki dla klientów",
      "policy.exceptionsHint": "Klienci, którzy mają dodatkowe dni na zwrot.",
      "policy.email": "E-mail", "policy.extraDays": "Dodatkowe dni", "policy.addException": "Dodaj klienta",
      "policy.remove": "Usuń",
      "policy.methods": "Sposoby zwrotu i ich opłaty", "policy.fee": "Opłata", "policy.free": "Bezpłatnie",
      "method.PICKUP": "Odbiór przez kuriera", "method.DROP_OFF": "Punkt nadania", "method.LOCKER": "Paczkomat",
      "method.SELF_SHIP": "Wysyłka własna",
      "policy.fees": "Opłata manipulacyjna i darmowe zwroty",
      "policy.restockingPercent": "Opłata manipulacyjna (% wartości produktów)",
      "policy.restockingFixed": "Opłata manipulacyjna (stała)",
      "policy.freeOver": "Darmowy zwrot produktów powyżej (puste: nigdy)",
      "policy.controllableFree": "Bezpłatnie, gdy zwrot spowodował sklep (uszkodzony, wadliwy, niewłaściwy produkt)",
      "policy.review": "Akceptacja", "policy.reviewAbove": "Obsługa sprawdza zwroty o wartości powyżej (puste: nigdy)",
      "policy.autoApprove": "Automatycznie akceptuj zwroty spełniające warunki",
      "policy.reviewPhoto": "Sprawdź, gdy brakuje wymaganego zdjęcia",
      "policy.resolutions": "Czego mogą żądać klienci", "resolution.REFUND": "Zwrot pieniędzy",
      "resolution.EXCHANGE": "Wymiana", "resolution.STORE_CREDIT": "Środki w sklepie",
      "policy.close": "Zamknij", "policy.publish": "Opublikuj", "policy.publishing": "Publikowanie…",
      "policy.published": "Opublikowano wersję {version}", "policy.failed": "Zasady nie zostały opublikowane",
      "policy.amountInvalid": "Podaj kwotę, np. 12,50.", "policy.daysInvalid": "Podaj liczbę całkowitą dni.",
    },
    cs: {
      "markets.title": "Trhy a pravidla", "markets.add": "Přidat trh",
      "markets.intro": "Objednávka patří na trh svého kanálu, jinak na trh své země, jinak na výchozí trh. Každý trh má vlastní pravidla vracení.",
      "markets.col.name": "Název", "markets.col.countries": "Země", "markets.col.channels": "Kanály",
      "markets.col.currency": "Měna", "markets.col.language": "Jazyk", "markets.col.timeZone": "Časové pásmo",
      "markets.col.policy": "Pravidla", "markets.col.returns": "Vratky", "markets.col.actions": "Akce",
      "markets.default": "Výchozí", "markets.defaultPolicy": "Výchozí pravidla", "markets.version": "v{version}",
      "markets.edit": "Upravit", "markets.view": "Zobrazit", "markets.policy": "Pravidla", "markets.delete": "Smazat",
      "markets.emptyTitle": "Zatím žádné trhy",
      "markets.emptyText": "Dokud žádný nepřidáte, platí pro každou objednávku výchozí pravidla vracení.",
      "markets.unreachable": "Aplikace neodpověděla. Zkontrolujte připojení a zkuste to znovu.",
      "market.newTitle": "Nový trh", "market.editTitle": "Upravit „{name}“", "market.viewTitle": "„{name}“",
      "market.name": "Název", "market.countries": "Země (kódy ISO, oddělené čárkou)",
      "market.channels": "Kanály (slugy Saleor, oddělené čárkou)", "market.currency": "Měna (ISO 4217)",
      "market.language": "Jazyk (např. ro, pl)", "market.timeZone": "Časové pásmo", "market.refundTrigger": "Vrácení peněz",
      "trigger.ON_RECEIPT": "Po přijetí balíku", "trigger.ON_INSPECTION": "Po kontrole zboží",
      "trigger.ON_DELIVERY_SCAN": "Když dopravce balík doručí", "trigger.MANUAL": "Jen ručně obsluhou",
      "market.isDefault": "Výchozí trh (objednávky, které nepatří jinému trhu)",
      "market.receiveOnDelivery": "Přijmout vratku, když ji dopravce doručí do skladu",
      "market.cancel": "Zrušit", "market.save": "Uložit trh", "market.saving": "Ukládání…",
      "market.saved": "Trh uložen", "market.failed": "Trh nebyl uložen",
      "market.fixErrors": "Zkontrolujte označená pole.",
      "delete.title": "Smazat „{name}“?",
      "delete.text": "Spolu s ním se smažou verze pravidel a pravidla dopravců. Trh s vratkami smazat nelze.",
      "delete.cancel": "Zrušit", "delete.confirm": "Smazat trh", "delete.deleting": "Mazání…",
      "delete.done": "Trh smazán", "delete.failed": "Trh nebyl smazán",
      "policy.title": "Pravidla vracení trhu „{name}“",
      "policy.current": "Platí: verze {version}, zveřejněna {date}.",
      "policy.currentBy": "Platí: verze {version}, zveřejněna {date}, {email}.",
      "policy.defaults": "Platí výchozí pravidla (zatím nebyla zveřejněna žádná verze).",
      "policy.amounts": "Částky v {currency}. Prázdný poplatek: zdarma.",
      "policy.window": "Lhůta pro vrácení", "policy.windowDays": "Dní na vrácení",
      "policy.windowStarts": "Lhůta začíná", "start.DELIVERY": "Doručením",
      "start.FULFILLMENT": "Odesláním",
      "policy.orders": "Které objednávky a zboží", "policy.minOrderTotal": "Minimální hodnota objednávky (prázdné: jakákoli)",
      "policy.productTypes": "Vyloučené typy produktů (oddělené čárkou)",
      "policy.categories": "Vyloučené kategorie (oddělené čárkou)",
      "policy.collections": "Vyloučené kolekce (oddělené čárkou)",
      "policy.skus": "Vyloučená SKU (oddělená čárkou)",
      "policy.finalSaleKey": "Klíč metadat konečného výprodeje (hodnota true, 1 nebo yes)",
      "policy.discounted": "Zlevněné zboží lze vrátit",
      "policy.exceptions": "Výjimky pro zákazníky",
      "policy.exceptionsHint": "Zákazníci, kteří mají na vrácení dny navíc.",
      "policy.email": "E-mail", "policy.extraDays": "Dny navíc", "policy.addException": "Přidat zákazníka",
      "policy.remove": "Odebrat",
      "policy.methods": "Způsoby vrácení a jejich poplatky", "policy.fee": "Poplatek", "policy.free": "Zdarma",
      "method.PICKUP": "Vyzvednutí kurýrem", "method.DROP_OFF": "Výdejní místo", "method.LOCKER": "Box",
      "method.SELF_SHIP": "Vlastní odeslání",
      "policy.fees": "Manipulační poplatek a vrácení zdarma",
      "policy.restockingPercent": "Manipulační poplatek (% ze zboží)",
      "policy.restockingFixed": "Manipulační poplatek (pevný)",
      "policy.freeOver": "Vrácení zdarma pro zboží nad (prázdné: nikdy)",
      "policy.controllableFree": "Zdarma, když vrácení způsobil obchod (poškozené, vadné, nesprávné zboží)",
      "policy.review": "Schválení", "policy.reviewAbove": "Obsluha kontroluje vratky v hodnotě nad (prázdné: nikdy)",
      "policy.autoApprove": "Automaticky schvalovat vratky splňující podmínky",
      "policy.reviewPhoto": "Kontrola, když chybí povinná fotografie",
      "policy.resolutions": "Co mohou zákazníci žádat", "resolution.REFUND": "Vrácení peněz",
      "resolution.EXCHANGE": "Výměna", "resolution.STORE_CREDIT": "Kredit v obchodě",
      "policy.close": "Zavřít", "policy.publish": "Zveřejnit", "policy.publishing": "Zveřejňování…",
      "policy.published": "Verze {version} zveřejněna", "policy.failed": "Pravidla nebyla zveřejněna",
      "policy.amountInvalid": "Zadejte částku, např. 12,50.", "policy.daysInvalid": "Zadejte celý počet dní.",
    },
  });
  // settings.js set the page's language before these keys existed.
  i18n.translatePage(section);
  i18n.translatePage(document.getElementById("market-delete-dialog"));

  // --- GraphQL ------------------------------------------------------------------------------
  const RULES =
    "windowDays windowStarts exclusions { productTypes categories collections skus " +
    "finalSaleMetadataKey } discountedLinesReturnable minOrderTotal " +
    "customerExceptions { email extraDays } allowedMethods methodFees { method amount } " +
    "restockingFeePercent restockingFeeFixed freeReturnsOver controllableIsFree autoApprove " +
    "reviewAboveValue reviewWhenPhotoMissing allowedResolutions";
  const MARKET_FIELDS =
    "id name countries channels currency language timeZone isDefault refundTrigger " +
    "receiveOnDelivery returnCount policy { version createdAt createdBy } policyRules { " + RULES + " }";
  const LOAD = "query MarketsLoad { markets { " + MARKET_FIELDS + " } }";
  const ERRORS = "errors { field code message }";
  const CREATE = "mutation MarketCreate($input: MarketInput!) { marketCreate(input: $input) { " +
    "market { " + MARKET_FIELDS + " } " + ERRORS + " } }";
  const UPDATE = "mutation MarketUpdate($id: ID!, $input: MarketInput!) { " +
    "marketUpdate(id: $id, input: $input) { market { " + MARKET_FIELDS + " } " + ERRORS + " } }";
  const DELETE = "mutation MarketDelete($id: ID!) { marketDelete(id: $id) { deletedId " + ERRORS + " } }";
  const PUBLISH = "mutation MarketPolicyPublish($marketId: ID!, $input: PolicyRulesInput!) { " +
    "marketPolicyPublish(marketId: $marketId, input: $input) { market { " + MARKET_FIELDS + " } " +
    "policy { version } " + ERRORS + " } }";

  function mutate(query, variables, name) {
    return ui.mutate(query, variables, name, t("markets.unreachable"));
  }

  // --- State and elements -------------------------------------------------------------------
  const $ = function (id) { return document.getElementById(id); };
  const state = {
    started: false,
    canManage: true,
    markets: [],
    editing: null, // the market in the market form; null for a new one
    policyMarket: null, // the market whose policy the editor shows
    deleting: null,
  };
  const el = {
    error: $("markets-error"),
    rows: $("market-rows"),
    empty: $("markets-empty"),
    add: $("add-market"),
    form: $("market-form"),
    formTitle: $("market-form-title"),
    formError: $("market-form-error"),
    name: $("market-name"),
    countries: $("market-countries"),
    channels: $("market-channels"),
    currency: $("market-currency"),
    language: $("market-language"),
    timeZone: $("market-time-zone"),
    timeZones: $("market-time-zones"),
    refundTrigger: $("market-refund-trigger"),
    isDefault: $("market-default"),
    receiveOnDelivery: $("market-receive-on-delivery"),
    save: $("market-save"),
    policy: $("policy-form"),
    policyTitle: $("policy-form-title"),
    policyCurrent: $("policy-current"),
    policyError: $("policy-form-error"),
    policyStatus: $("policy-status"),
    amountsHint: $("policy-amounts-hint"),
    exceptions: $("policy-exceptions"),
    publish: $("policy-publish"),
    dialog: $("market-delete-dialog"),
    dialogTitle: $("market-delete-title"),
    dialogError: $("market-delete-error"),
    confirmDelete: $("market-delete-confirm"),
  };

  function listText(values) { return (values || []).join(", "); }
  function parseList(text, upper) {
    return text.split(",").map(function (v) { return upper ? v.trim().toUpperCase() : v.trim(); })
      .filter(Boolean);
  }
  function policyInput(name) { return el.policy.querySelector('[data-policy="' + name + '"]'); }

  // --- Errors -------------------------------------------------------------------------------
  function clearErrors(root, general) {
    ui.clearFieldErrors(root);
    root.querySelectorAll(".is-invalid").forEach(function (node) { node.classList.remove("is-invalid"); });
    general.hidden = true;
    general.textContent = "";
  }

  // Each error next to its field (or its closest shown parent path); the rest on top.
  function showErrors(root, general, errors, fallback) {
    const unplaced = ui.placeErrors(
      root, errors, ".field, .markets__method, [data-exception], .settings__fieldset"
    );
    if (errors.length) {
      general.hidden = false;
      general.textContent = unplaced.length ? unplaced.join(" ") : fallback;
    }
  }

  function loadPermissions() {
    return ui.canManageApps().then(function (canManage) { state.canManage = canManage; });
  }

  function load() {
    section.setAttribute("aria-busy", "true");
    Promise.all([bridge.graphql(LOAD), loadPermissions()]).then(
      function (results) {
        const body = results[0];
        section.setAttribute("aria-busy", "false");
        // Without the markets the page's own error says why (the same token, the same API).
        if (!body || !body.data || (body.errors && body.errors.length)) return;
        state.markets = body.data.markets || [];
        el.add.hidden = !state.canManage;
        section.hidden = false;
        renderMarkets();
      },
      function () { section.setAttribute("aria-busy", "false"); }
    );
  }

  // --- Markets table ------------------------------------------------------------------------
  function actionButton(action, label, market) {
    const button = make("button", "button button--tertiary", label);
    button.type = "button";
    button.dataset.marketAction = action;
    button.addEventListener("click", function () {
      if (action === "edit") openMarketForm(market);
      if (action === "policy") openPolicy(market);
      if (action === "delete") openDelete(market);
    });
    return button;
  }

  function renderMarkets() {
    // The carrier sections (settings.js) pick markets too: tell them the list changed.
    document.dispatchEvent(new CustomEvent("saleor-returns:markets", { detail: state.markets }));
    el.rows.replaceChildren();
    el.empty.hidden = state.markets.length > 0;
    state.markets.forEach(function (market) {
      const row = make("tr");
      row.dataset.marketId = market.id;
      const name = make("td");
      name.append(make("span", "link--strong", market.name));
      if (market.isDefault) name.append(" ", make("span", "badge badge--info markets__badge", t("markets.default")));
      row.append(name);
      row.append(make("td", "markets__codes", listText(market.countries) || "—"));
      row.append(make("td", "markets__codes", listText(market.channels) || "—"));
      row.append(make("td", null, market.currency));
      row.append(make("td", null, market.language));
      row.append(make("td", "markets__zone", market.timeZone));
      const policy = make("td", "markets__policy");
      policy.append(market.policy
        ? make("span", "badge badge--success", t("markets.version", { version: market.policy.version }))
        : make("span", "badge", t("markets.defaultPolicy")));
      row.append(policy);
      row.append(make("td", "table__num", String(market.returnCount)));
      const actions = make("td");
      const wrap = make("div", "settings__actions");
      wrap.append(actionButton("edit", t(state.canManage ? "markets.edit" : "markets.view"), market));
      wrap.append(actionButton("policy", t("markets.policy"), market));
      if (state.canManage) wrap.append(actionButton("delete", t("markets.delete"), market));
      actions.append(wrap);
      row.append(actions);
      el.rows.append(row);
    });
  }

  function replaceMarket(market) {
    let found = false;
    state.markets = state.markets.map(function (m) {
      if (m.id === market.id) { found = true; return market; }
      // Only one market is the default: the API moved it away from the others.
      return market.isDefault && m.isDefault ? Object.assign({}, m, { isDefault: false }) : m;
    });
    if (!found) state.markets.push(market);
    state.markets.sort(function (a, b) { return a.name.localeCompare(b.name); });
  }

  // --- Market form --------------------------------------------------------------------------
  function fillTimeZones() {
    if (el.timeZones.childElementCount || typeof Intl.supportedValuesOf !== "function") return;
    Intl.supportedValuesOf("timeZone").forEach(function (zone) {
      const option = document.createElement("option");
      option.value = zone;
      el.timeZones.append(option);
    });
  }

  function marketFormTitle() {
    const market = state.editing;
    return market
      ? t(state.canManage ? "market.editTitle" : "market.viewTitle", { name: market.name })
      : t("market.newTitle");
  }

  function openMarketForm(market) {
    closePolicy();
    state.editing = market || null;
    clearErrors(el.form, el.formError);
    fillTimeZones();
    el.formTitle.textContent = marketFormTitle();
    el.name.value = market ? market.name : "";
    el.countries.value = market ? listText(market.countries) : "";
    el.channels.value = market ? listText(market.channels) : "";
    el.currency.value = market ? market.currency : "";
    el.language.value = market ? market.language : "en";
    el.timeZone.value = market ? market.timeZone : "UTC";
    el.refundTrigger.value = market ? market.refundTrigger : "ON_RECEIPT";
    el.isDefault.checked = market ? market.isDefault : state.markets.length === 0;
    el.receiveOnDelivery.checked = market ? market.receiveOnDelivery : false;
    // Read-only: the fields show but do not change; saving still asks the API (which refuses).
    el.form.querySelectorAll("input, select").forEach(function (node) { node.disabled = !state.canManage; });
    el.form.hidden = false;
    el.form.scrollIntoView({ block: "start" });
    el.name.focus();
  }

  function closeMarketForm() {
    el.form.hidden = true;
    state.editing = null;
  }

  function saveMarket(event) {
    event.preventDefault();
    clearErrors(el.form, el.formError);
    const editing = state.editing;
    const input = {
      name: el.name.value.trim(),
      countries: parseList(el.countries.value, true),
      channels: parseList(el.channels.value, false),
      currency: el.currency.value.trim().toUpperCase(),
      language: el.language.value.trim(),
      timeZone: el.timeZone.value.trim(),
      refundTrigger: el.refundTrigger.value,
      isDefault: el.isDefault.checked,
      receiveOnDelivery: el.receiveOnDelivery.checked,
    };
    el.save.disabled = true;
    el.save.textContent = t("market.saving");
    const request = editing
      ? mutate(UPDATE, { id: editing.id, input: input }, "marketUpdate")
      : mutate(CREATE, { input: input }, "marketCreate");
    request.then(function (outcome) {
      el.save.disabled = false;
      el.save.textContent = t("market.save");
      if (outcome.errors.length || !outcome.payload.market) {
        showErrors(el.form, el.formError, outcome.errors, t("market.fixErrors"));
        bridge.notify("error", t("market.failed"), outcome.errors.length ? outcome.errors[0].message : "");
        return;
      }
      replaceMarket(outcome.payload.market);
      closeMarketForm();
      renderMarkets();
      bridge.notify("success", t("market.saved"), outcome.payload.market.name);
    });
  }

  // --- Delete -------------------------------------------------------------------------------
  function openDelete(market) {
    state.deleting = market;
    el.dialogTitle.textContent = t("delete.title", { name: market.name });
    el.dialogError.hidden = true;
    el.dialogError.textContent = "";
    el.confirmDelete.disabled = false;
    el.confirmDelete.textContent = t("delete.confirm");
    if (!el.dialog.open) el.dialog.showModal();
  }

  function confirmDelete() {
    const market = state.deleting;
    if (!market) return;
    el.confirmDelete.disabled = true;
    el.confirmDelete.textContent = t("delete.deleting");
    mutate(DELETE, { id: market.id }, "marketDelete").then(function (outcome) {
      el.confirmDelete.textContent = t("delete.confirm");
      if (outcome.errors.length) {
        el.dialogError.hidden = false;
        el.dialogError.textContent = outcome.errors.map(function (e) { return e.message; }).join(" ");
        bridge.notify("error", t("delete.failed"), outcome.errors[0].message);
        return;
      }
      el.confirmDelete.disabled = false;
      state.markets = state.markets.filter(function (m) { return m.id !== market.id; });
      if (state.editing && state.editing.id === market.id) closeMarketForm();
      if (state.policyMarket && state.policyMarket.id === market.id) closePolicy();
      el.dialog.close();
      renderMarkets();
      bridge.notify("success", t("delete.done"), market.name);
    });
  }

  // --- Policy editor ------------------------------------------------------------------------
  function policyCurrentText(market) {
    const version = market.policy;
    if (!version) return t("policy.defaults");
    const values = { version: version.version, date: ui.formatDate(version.createdAt, true), email: version.createdBy };
    return t(version.createdBy ? "policy.currentBy" : "policy.current", values);
  }

  function addExceptionRow(exception) {
    const wrap = $("exception-row").content.firstElementChild.cloneNode(true);
    const email = wrap.querySelector("[data-exception-email]");
    const days = wrap.querySelector("[data-exception-days]");
    email.value = exception ? exception.email : "";
    days.value = exception ? exception.extraDays : "";
    email.placeholder = t("policy.email");
    email.setAttribute("aria-label", t("policy.email"));
    days.placeholder = t("policy.extraDays");
    days.setAttribute("aria-label", t("policy.extraDays"));
    const remove = wrap.querySelector("[data-remove]");
    remove.textContent = t("policy.remove");
    remove.addEventListener("click", function () { wrap.remove(); });
    email.disabled = days.disabled = remove.disabled = !state.canManage;
    el.exceptions.append(wrap);
    return wrap;
  }

  function amountText(value) { return value === null || value === undefined ? "" : String(value); }

  function openPolicy(market) {
    closeMarketForm();
    state.policyMarket = market;
    const rules = market.policyRules;
    clearErrors(el.policy, el.policyError);
    el.policyStatus.textContent = "";
    el.policyTitle.textContent = t("policy.title", { name: market.name });
    el.policyCurrent.textContent = policyCurrentText(market);
    el.amountsHint.textContent = t("policy.amounts", { currency: market.currency });
    policyInput("windowDays").value = rules.windowDays;
    policyInput("windowStarts").value = rules.windowStarts;
    ["productTypes", "categories", "collections", "skus"].forEach(function (name) {
      policyInput(name).value = listText(rules.exclusions[name]);
    });
    policyInput("finalSaleMetadataKey").value = rules.exclusions.finalSaleMetadataKey || "";
    policyInput("discountedLinesReturnable").checked = rules.discountedLinesReturnable;
    policyInput("minOrderTotal").value = amountText(rules.minOrderTotal);
    el.exceptions.replaceChildren();
    rules.customerExceptions.forEach(addExceptionRow);
    el.policy.querySelectorAll("[data-method]").forEach(function (row) {
      const method = row.dataset.method;
      const fee = rules.methodFees.find(function (f) { return f.method === method; });
      row.querySelector("[data-method-allowed]").checked = rules.allowedMethods.indexOf(method) !== -1;
      row.querySelector("[data-method-fee]").value = fee ? fee.amount : "";
    });
    policyInput("restockingFeePercent").value = amountText(rules.restockingFeePercent);
    policyInput("restockingFeeFixed").value = amountText(rules.restockingFeeFixed);
    policyInput("freeReturnsOver").value = amountText(rules.freeReturnsOver);
    policyInput("controllableIsFree").checked = rules.controllableIsFree;
    policyInput("autoApprove").checked = rules.autoApprove;
    policyInput("reviewAboveValue").value = amountText(rules.reviewAboveValue);
    policyInput("reviewWhenPhotoMissing").checked = rules.reviewWhenPhotoMissing;
    el.policy.querySelectorAll("[data-resolution]").forEach(function (box) {
      box.checked = rules.allowedResolutions.indexOf(box.value) !== -1;
    });
    el.policy.querySelectorAll("input, select, #add-exception").forEach(function (node) {
      node.disabled = !state.canManage;
    });
    el.policy.hidden = false;
    el.policy.scrollIntoView({ block: "start" });
    policyInput("windowDays").focus();
  }

  function closePolicy() {
    el.policy.hidden = true;
    state.policyMarket = null;
  }

  // The editor's input, and the errors found before asking the API (values it could not
  // even parse, e.g. "abc" as an amount), by the same paths the API names.
  function readPolicy() {
    const local = [];
    function amount(text, path, optional) {
      const value = String(text).trim();
      if (value === "" && optional) return null;
      if (!AMOUNT.test(value)) {
        local.push({ field: path, message: t("policy.amountInvalid") });
        return null;
      }
      return value.replace(",", ".");
    }
    const daysText = policyInput("windowDays").value.trim();
    const windowDays = /^\d+$/.test(daysText) ? parseInt(daysText, 10) : null;
    if (windowDays === null) local.push({ field: "input.windowDays", message: t("policy.daysInvalid") });

    const customerExceptions = [];
    el.exceptions.querySelectorAll("[data-exception]").forEach(function (wrap) {
      const email = wrap.querySelector("[data-exception-email]").value.trim();
      const days = wrap.querySelector("[data-exception-days]").value.trim();
      const errors = wrap.querySelectorAll("[data-exception-error]");
      if (!email && !days) {
        errors.forEach(function (node) { delete node.dataset.errorFor; });
        return;
      }
      const index = customerExceptions.length;
      errors.forEach(function (node) {
        node.dataset.errorFor = "input.customerExceptions." + index + "." + node.dataset.exceptionError;
      });
      const extraDays = /^\d+$/.test(days) ? parseInt(days, 10) : null;
      if (extraDays === null) {
        local.push({ field: "input.customerExceptions." + index + ".extraDays", message: t("policy.daysInvalid") });
      }
      customerExceptions.push({ email: email, extraDays: extraDays === null ? 0 : extraDays });
    });

    const allowedMethods = [];
    const methodFees = [];
    el.policy.querySelectorAll("[data-method]").forEach(function (row) {
      const method = row.dataset.method;
      if (row.querySelector("[data-method-allowed]").checked) allowedMethods.push(method);
      const error = row.querySelector("[data-fee-error]");
      const fee = row.querySelector("[data-method-fee]").value.trim();
      if (!fee) {
        delete error.dataset.errorFor;
        return;
      }
      const path = "input.methodFees." + methodFees.length + ".amount";
      error.dataset.errorFor = path;
      methodFees.push({ method: method, amount: amount(fee, path, false) || "0" });
    });

    const input = {
      windowDays: windowDays === null ? 0 : windowDays,
      windowStarts: policyInput("windowStarts").value,
      exclusions: {
        productTypes: parseList(policyInput("productTypes").value, false),
        categories: parseList(policyInput("categories").value, false),
        collections: parseList(policyInput("collections").value, false),
        skus: parseList(policyInput("skus").value, false),
        finalSaleMetadataKey: policyInput("finalSaleMetadataKey").value.trim() || null,
      },
      discountedLinesReturnable: policyInput("discountedLinesReturnable").checked,
      minOrderTotal: amount(policyInput("minOrderTotal").value, "input.minOrderTotal", true),
      customerExceptions: customerExceptions,
      allowedMethods: allowedMethods,
      methodFees: methodFees,
      restockingFeePercent: amount(policyInput("restockingFeePercent").value || "0", "input.restockingFeePercent", false),
      restockingFeeFixed: amount(policyInput("restockingFeeFixed").value || "0", "input.restockingFeeFixed", false),
      freeReturnsOver: amount(policyInput("freeReturnsOver").value, "input.freeReturnsOver", true),
      controllableIsFree: policyInput("controllableIsFree").checked,
      autoApprove: policyInput("autoApprove").checked,
      reviewAboveValue: amount(policyInput("reviewAboveValue").value, "input.reviewAboveValue", true),
      reviewWhenPhotoMissing: policyInput("reviewWhenPhotoMissing").checked,
      allowedResolutions: Array.from(el.policy.querySelectorAll("[data-resolution]:checked"))
        .map(function (box) { return box.value; }),
    };
    return { input: input, errors: local };
  }

  function publishPolicy(event) {
    event.preventDefault();
    const market = state.policyMarket;
    if (!market) return;
    clearErrors(el.policy, el.policyError);
    el.policyStatus.textContent = "";
    const read = readPolicy();
    if (read.errors.length) {
      showErrors(el.policy, el.policyError, read.errors, t("market.fixErrors"));
      return;
    }
    el.publish.disabled = true;
    el.publish.textContent = t("policy.publishing");
    mutate(PUBLISH, { marketId: market.id, input: read.input }, "marketPolicyPublish").then(function (outcome) {
      el.publish.disabled = false;
      el.publish.textContent = t("policy.publish");
      if (outcome.errors.length || !outcome.payload.policy) {
        showErrors(el.policy, el.policyError, outcome.errors, t("market.fixErrors"));
        bridge.notify("error", t("policy.failed"), outcome.errors.length ? outcome.errors[0].message : "");
        return;
      }
      const updated = outcome.payload.market;
      replaceMarket(updated);
      renderMarkets();
      if (state.policyMarket && state.policyMarket.id === updated.id) {
        state.policyMarket = updated;
        el.policyCurrent.textContent = policyCurrentText(updated);
      }
      const published = t("policy.published", { version: outcome.payload.policy.version });
      el.policyStatus.textContent = published;
      bridge.notify("success", published, updated.name);
    });
  }

  // --- Wiring -------------------------------------------------------------------------------
  el.add.addEventListener("click", function () { openMarketForm(null); });
  $("market-cancel").addEventListener("click", closeMarketForm);
  el.form.addEventListener("submit", saveMarket);
  $("add-exception").addEventListener("click", function () {
    addExceptionRow(null).querySelector("[data-exception-email]").focus();
  });
  $("policy-close").addEventListener("click", closePolicy);
  el.policy.addEventListener("submit", publishPolicy);
  el.confirmDelete.addEventListener("click", confirmDelete);
  el.dialog.addEventListener("close", function () { state.deleting = null; });
  // The page's "Try again" reloads every section.
  const retry = $("retry");
  if (retry) retry.addEventListener("click", load);

  i18n.onChange(function () {
    if (!state.started || section.hidden) return;
    renderMarkets();
    if (!el.form.hidden) el.formTitle.textContent = marketFormTitle();
    el.save.textContent = t("market.save");
    el.publish.textContent = t("policy.publish");
    const market = state.policyMarket;
    if (market && !el.policy.hidden) {
      el.policyTitle.textContent = t("policy.title", { name: market.name });
      el.policyCurrent.textContent = policyCurrentText(market);
      el.amountsHint.textContent = t("policy.amounts", { currency: market.currency });
      el.exceptions.querySelectorAll("[data-exception]").forEach(function (wrap) {
        wrap.querySelector("[data-remove]").textContent = t("policy.remove");
      });
    }
    if (state.deleting) el.dialogTitle.textContent = t("delete.title", { name: state.deleting.name });
  });
  bridge.onToken(function () {
    if (state.started) return;
    state.started = true;
    load();
  });
})();
