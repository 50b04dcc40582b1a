// The app's settings (/dashboard/settings/): carrier accounts (list, create and edit in an
// in-page form, "Test credentials", the push webhook URL) and each market's ordered carrier
// rules. Data comes from our GraphQL API with the Dashboard token (SaleorReturnsBridge); reads
// need MANAGE_ORDERS, writes MANAGE_APPS (the API decides; without it the page says so and
// shows the API's refusal). All text goes through SaleorReturnsI18n.
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const make = ui.make;
  const t = i18n.t;
  // Links to our views from other pages (the inbox's "Settings"), keeping the Dashboard's
  // query params; on those pages this is all the script does.
  i18n.register({
    en: { "nav.settings": "Settings" }, ro: { "nav.settings": "Setări" },
    pl: { "nav.settings": "Ustawienia" }, cs: { "nav.settings": "Nastavení" },
  });
  document.querySelectorAll("a[data-view-path]").forEach(function (link) {
    link.href = bridge.viewUrl(link.dataset.viewPath);
    if (link.dataset.i18n) link.textContent = t(link.dataset.i18n);
  });
  if (!document.getElementById("settings")) return;

  const MODES = ["PICKUP", "DROP_OFF", "LOCKER", "SELF_SHIP"];
  // What each driver reads from its credentials (pre-filled keys of a new account).
  const CREDENTIAL_KEYS = {
    sameday: ["username", "password"],
    innoship: ["api_key", "location"],
    inpost: ["organization_id", "api_token"],
    packeta: ["api_password"],
  };

  // --- Catalogues ---------------------------------------------------------------------------
  i18n.register({
    en: {
      "settings.title": "Settings", "settings.back": "Back to returns",
      "settings.navLabel": "Settings sections", "settings.nav.markets": "Markets and policies",
      "settings.nav.reasons": "Return reasons", "settings.nav.carriers": "Carriers", "settings.nav.store": "Store",
      "settings.readOnly": "You need the Manage apps permission to change settings. You can see them read-only.",
      "state.errorTitle": "The settings could not be loaded", "state.retry": "Try again",
      "state.loading": "Loading settings…",
      "state.unreachable": "The app did not answer. Check your connection and try again.",
      "accounts.title": "Carrier accounts", "accounts.add": "Add account",
      "accounts.col.carrier": "Carrier", "accounts.col.name": "Name", "accounts.col.market": "Market",
      "accounts.col.modes": "Modes", "accounts.col.testMode": "Test mode", "accounts.col.active": "Active",
      "accounts.col.check": "Last check", "accounts.col.actions": "Actions",
      "accounts.emptyTitle": "No carrier accounts yet",
      "accounts.emptyText": "Add the store's account at a carrier to book return labels.",
      "accounts.allMarkets": "All markets", "accounts.yes": "Yes", "accounts.no": "No",
      "accounts.edit": "Edit", "accounts.view": "View", "accounts.test": "Test credentials",
      "accounts.testing": "Testing…", "accounts.checkOk": "OK", "accounts.notChecked": "Not checked",
      "check.okTitle": "The credentials work", "check.okText": "{carrier} accepted the account “{name}”.",
      "check.failedTitle": "The carrier refused the credentials",
      "check.errorTitle": "The credentials could not be tested",
      "account.newTitle": "New carrier account", "account.editTitle": "Edit “{name}”",
      "account.viewTitle": "“{name}”",
      "account.carrier": "Carrier", "account.name": "Name", "account.market": "Market",
      "account.labelFormat": "Label format", "account.modes": "Return modes",
      "account.credentials": "Credentials",
      "account.credentialsNew": "Sent to the carrier only; never shown again.",
      "account.credentialsEdit": "Stored and hidden. Leave every value empty to keep them; to change them, fill in every value.",
      "account.credentialKey": "Name", "account.credentialValue": "Value",
      "account.credentialKeep": "Leave empty to keep",
      "account.addCredential": "Add credential", "account.remove": "Remove",
      "account.returnAddress": "Return address", "account.rateTable": "Rate table",
      "account.rateHint": "Price up to each weight, for carriers without live rates.",
      "account.rateWeight": "Up to (grams)", "account.ratePrice": "Price",
      "account.addRate": "Add rate", "account.testMode": "Test mode", "account.active": "Active",
      "account.advanced": "Advanced", "account.baseUrl": "Base URL (overrides the carrier's host)",
      "account.webhook": "Push webhook URL (give it to the carrier; keep it secret)",
      "account.copy": "Copy", "account.copied": "Copied.", "account.copyFailed": "Select the URL and copy it.",
      "account.cancel": "Cancel", "account.save": "Save account", "account.saving": "Saving…",
      "account.saved": "Carrier account saved", "account.failed": "The account was not saved",
      "account.fixErrors": "Check the highlighted fields.",
      "address.name": "Name", "address.company": "Company",
      "address.streetLines": "Street (one line per row)", "address.postalCode": "Postal code",
      "address.city": "City", "address.county": "County", "address.countryCode": "Country code",
      "address.phone": "Phone", "address.email": "E-mail",
      "format.PDF_A6": "PDF A6", "format.PDF_A4": "PDF A4", "format.ZPL": "ZPL (thermal)",
      "mode.PICKUP": "Courier pickup", "mode.DROP_OFF": "Drop-off point",
      "mode.LOCKER": "Locker", "mode.SELF_SHIP": "Self-ship",
      "rules.title": "Carrier rules", "rules.market": "Market",
      "rules.intro": "For each return, the first matching rule picks the carrier account.",
      "rules.noMarket": "Add a market first.",
      "rules.empty": "No rules: returns in this market are not booked automatically.",
      "rules.add": "Add rule", "rules.save": "Save rules", "rules.saving": "Saving…",
      "rules.saved": "Carrier rules saved", "rules.failed": "The rules were not saved",
      "rules.number": "Rule {number}", "rules.account": "Account", "rules.anyAccount": "Any account",
      "rules.strategy": "Strategy", "strategy.FIXED": "Fixed account",
      "strategy.CHEAPEST": "Cheapest quote",
      "rules.countries": "Countries (comma-separated, empty: any)",
      "rules.categories": "Categories (comma-separated, empty: any)",
      "rules.modes": "Modes (none: any)", "rules.minWeight": "Min weight (g)",
      "rules.maxWeight": "Max weight (g)", "rules.fallback": "Fallback",
      "rules.up": "Move up", "rules.down": "Move down", "rules.remove": "Remove",
      "dialog.close": "Close",
    },
    ro: {
      "settings.title": "Setări", "settings.back": "Înapoi la retururi",
      "settings.navLabel": "Secțiuni de setări", "settings.nav.markets": "Piețe și politici",
      "settings.nav.reasons": "Motive de retur", "settings.nav.carriers": "Curieri", "settings.nav.store": "Magazin",
      "settings.readOnly": "Aveți nevoie de permisiunea Gestionare aplicații pentru a modifica setările. Le puteți doar vedea.",
      "state.errorTitle": "Setările nu au putut fi încărcate", "state.retry": "Încearcă din nou",
      "state.loading": "Se încarcă setările…",
      "state.unreachable": "Aplicația nu a răspuns. Verificați conexiunea și încercați din nou.",
      "accounts.title": "Conturi de curierat", "accounts.add": "Adaugă cont",
      "accounts.col.carrier": "Curier", "accounts.col.name": "Nume", "accounts.col.market": "Piață",
      "accounts.col.modes": "Moduri", "accounts.col.testMode": "Mod test", "accounts.col.active": "Activ",
      "accounts.col.check": "Ultima verificare", "accounts.col.actions": "Acțiuni",
      "accounts.emptyTitle": "Niciun cont de curierat",
      "accounts.emptyText": "Adăugați contul magazinului la un curier pentru a emite etichete de retur.",
      "accounts.allMarkets": "Toate piețele", "accounts.yes": "Da", "accounts.no": "Nu",
      "accounts.edit": "Editează", "accounts.view": "Vezi", "accounts.test": "Testează datele de acces",
      "accounts.testing": "Se testează…", "accounts.checkOk": "OK", "accounts.notChecked": "Neverificat",
      "check.okTitle": "Datele de acces funcționează", "check.okText": "{carrier} a acceptat contul „{name}”.",
      "check.failedTitle": "Curierul a refuzat datele de acces",
      "check.errorTitle": "Datele de acces nu au putut fi testate",
      "account.newTitle": "Cont de curierat nou", "account.editTitle": "Editează „{name}”",
      "account.viewTitle": "„{name}”",
      "account.carrier": "Curier", "account.name": "Nume", "account.market": "Piață",
      "account.labelFormat": "Format etichetă", "account.modes": "Moduri de retur",
      "account.credentials": "Date de acces",
      "account.credentialsNew": "Trimise doar curierului; nu mai sunt afișate.",
      "account.credentialsEdit": "Salvate și ascunse. Lăsați toate valorile goale pentru a le păstra; pentru a le schimba, completați toate valorile.",
      "account.credentialKey": "Nume", "account.credentialValue": "Valoare",
      "account.credentialKeep": "Lăsați gol pentru a păstra",
      "account.addCredential": "Adaugă dată de acces", "account.remove": "Elimină",
      "account.returnAddress": "Adresă de retur", "account.rateTable": "Tabel de tarife",
      "account.rateHint": "Prețul până la fiecare greutate, pentru curierii fără tarife live.",
      "account.rateWeight": "Până la (grame)", "account.ratePrice": "Preț",
      "account.addRate": "Adaugă tarif", "account.testMode": "Mod test", "account.active": "Activ",
      "account.advanced": "Avansat", "account.baseUrl": "URL de bază (înlocuiește serverul curierului)",
      "account.webhook": "URL webhook push (dați-l curierului; păstrați-l secret)",
      "account.copy": "Copiază", "account.copied": "Copiat.", "account.copyFailed": "Selectați URL-ul și copiați-l.",
      "account.cancel": "Renunță", "account.save": "Salvează contul", "account.saving": "Se salvează…",
      "account.saved": "Contul de curierat a fost salvat", "account.failed": "Contul nu a fost salvat",
      "account.fixErrors": "Verificați câmpurile marcate.",
      "address.name": "Nume", "address.company": "Companie",
      "address.streetLines": "Stradă (câte un rând)", "address.postalCode": "Cod poștal",
      "address.city": "Localitate", "address.county": "Județ", "address.countryCode": "Cod țară",
      "address.phone": "Telefon", "address.email": "E-mail",
      "format.PDF_A6": "PDF A6", "format.PDF_A4": "PDF A4", "format.ZPL": "ZPL (termic)",
      "mode.PICKUP": "Ridicare de la curier", "mode.DROP_OFF": "Punct de predare",
      "mode.LOCKER": "Easybox / locker", "mode.SELF_SHIP": "Expediere proprie",
      "rules.title": "Reguli de curierat", "rules.market": "Piață",
      "rules.intro": "Pentru fiecare retur, prima regulă potrivită alege contul de curierat.",
      "rules.noMarket": "Adăugați întâi o piață.",
      "rules.empty": "Nicio regulă: retururile din această piață nu sunt programate automat.",
      "rules.add": "Adaugă regulă", "rules.save": "Salvează regulile", "rules.saving": "Se salvează…",
      "rules.saved": "Regulile de curierat au fost salvate", "rules.failed": "Regulile nu au fost salvate",
      "rules.number": "Regula {number}", "rules.account": "Cont", "rules.anyAccount": "Orice cont",
      "rules.strategy": "Strategie", "strategy.FIXED": "Cont fix",
      "strategy.CHEAPEST": "Cea mai ieftină ofertă",
      "rules.countries": "Țări (separate prin virgulă, gol: oricare)",
      "rules.categories": "Categorii (separate prin virgulă, gol: oricare)",
      "rules.modes": "Moduri (niciunul: oricare)", "rules.minWeight": "Greutate min. (g)",
      "rules.maxWeight": "Greutate max. (g)", "rules.fallback": "Rezervă",
      "rules.up": "Mută în sus", "rules.down": "Mută în jos", "rules.remove": "Elimină",
      "dialog.close": "Închide",
    },
    pl: {
      "settings.title": "Ustawienia", "settings.back": "Wróć do zwrotów",
      "settings.navLabel": "Sekcje ustawień", "settings.nav.markets": "Rynki i zasady",
      "settings.nav.reasons": "Powody zwrotów", "settings.nav.carriers": "Przewoźnicy", "settings.nav.store": "Sklep",
      "settings.readOnly": "Aby zmieniać ustawienia, potrzebujesz uprawnienia Zarządzanie aplikacjami. Możesz je tylko przeglądać.",
      "state.errorTitle": "Nie udało się wczytać ustawień", "state.retry": "Spróbuj ponownie",
      "state.loading": "Wczytywanie ustawień…",
      "state.unreachable": "Aplikacja nie odpowiedziała. Sprawdź połączenie i spróbuj ponownie.",
      "accounts.title": "Konta przewoźników", "accounts.add": "Dodaj konto",
      "accounts.col.carrier": "Przewoźnik", "accounts.col.name": "Nazwa", "accounts.col.market": "Rynek",
      "accounts.col.modes": "Sposoby", "accounts.col.testMode": "Tryb testowy", "accounts.col.active": "Aktywne",
      "accounts.col.check": "Ostatni test", "accounts.col.actions": "Akcje",
      "accounts.emptyTitle": "Brak kont przewoźników",
      "accounts.emptyText": "Dodaj konto sklepu u przewoźnika, aby wystawiać etykiety zwrotne.",
      "accounts.allMarkets": "Wszystkie rynki", "accounts.yes": "Tak", "accounts.no": "Nie",
      "accounts.edit": "Edytuj", "accounts.view": "Pokaż", "accounts.test": "Testuj dane dostępowe",
      "accounts.testing": "Testowanie…", "accounts.checkOk": "OK", "accounts.notChecked": "Nie testowano",
      "check.okTitle": "Dane dostępowe działają", "check.okText": "{carrier} zaakceptował konto „{name}”.",
      "check.failedTitle": "Przewoźnik odrzucił dane dostępowe",
      "check.errorTitle": "Nie udało się przetestować danych dostępowych",
      "account.newTitle": "Nowe konto przewoźnika", "account.editTitle": "Edytuj „{name}”",
      "account.viewTitle": "„{name}”",
      "account.carrier": "Przewoźnik", "account.name": "Nazwa", "account.market": "Rynek",
      "account.labelFormat": "Format etykiety", "account.modes": "Sposoby zwrotu",
      "account.credentials": "Dane dostępowe",
      "account.credentialsNew": "Wysyłane tylko do przewoźnika; nie są później wyświetlane.",
      "account.credentialsEdit": "Zapisane i ukryte. Zostaw wszystkie wartości puste, aby je zachować; aby je zmienić, wypełnij wszystkie.",
      "account.credentialKey": "Nazwa", "account.credentialValue": "Wartość",
      "account.credentialKeep": "Zostaw puste, aby zachować",
      "account.addCredential": "Dodaj dane", "account.remove": "Usuń",
      "account.returnAddress": "Adres zwrotu", "account.rateTable": "Cennik",
      "account.rateHint": "Cena do danej wagi, dla przewoźników bez cen na żywo.",
      "account.rateWeight": "Do (gramy)", "account.ratePrice": "Cena",
      "account.addRate": "Dodaj stawkę", "account.testMode": "Tryb testowy", "account.active": "Aktywne",
      "account.advanced": "Zaawansowane", "account.baseUrl": "Adres bazowy (zastępuje serwer przewoźnika)",
      "account.webhook": "Adres webhooka push (przekaż go przewoźnikowi; zachowaj w tajemnicy)",
      "account.copy": "Kopiuj", "account.copied": "Skopiowano.", "account.copyFailed": "Zaznacz adres i skopiuj go.",
      "account.cancel": "Anuluj", "account.save": "Zapisz konto", "account.saving": "Zapisywanie…",
      "account.saved": "Konto przewoźnika zapisane", "account.failed": "Konto nie zostało zapisane",
      "account.fixErrors": "Sprawdź zaznaczone pola.",
      "address.name": "Nazwa", "address.company": "Firma",
      "address.streetLines": "Ulica (jedna linia w wierszu)", "address.postalCode": "Kod pocztowy",
      "address.city": "Miejscowość", "address.county": "Województwo", "address.countryCode": "Kod kraju",
      "address.phone": "Telefon", "address.email": "E-mail",
      "format.PDF_A6": "PDF A6", "format.PDF_A4": "PDF A4", "format.ZPL": "ZPL (termiczna)",
      "mode.PICKUP": "Odbiór przez kuriera", "mode.DROP_OFF": "Punkt nadania",
      "mode.LOCKER": "Paczkomat", "mode.SELF_SHIP": "Wysyłka we własnym zakresie",
      "rules.title": "Reguły przewoźników", "rules.market": "Rynek",
      "rules.intro": "Dla każdego zwrotu pierwsza pasująca reguła wybiera konto przewoźnika.",
      "rules.noMarket": "Najpierw dodaj rynek.",
      "rules.empty": "Brak reguł: zwroty na tym rynku nie są nadawane automatycznie.",
      "rules.add": "Dodaj regułę", "rules.save": "Zapisz reguły", "rules.saving": "Zapisywanie…",
      "rules.saved": "Reguły przewoźników zapisane", "rules.failed": "Reguły nie zostały zapisane",
      "rules.number": "Reguła {number}", "rules.account": "Konto", "rules.anyAccount": "Dowolne konto",
      "rules.strategy": "Strategia", "strategy.FIXED": "Stałe konto",
      "strategy.CHEAPEST": "Najtańsza oferta",
      "rules.countries": "Kraje (po przecinku, puste: dowolne)",
      "rules.categories": "Kategorie (po przecinku, puste: dowolne)",
      "rules.modes": "Sposoby (brak: dowolny)", "rules.minWeight": "Min. waga (g)",
      "rules.maxWeight": "Maks. waga (g)", "rules.fallback": "Awaryjna",
      "rules.up": "W górę", "rules.down": "W dół", "rules.remove": "Usuń",
      "dialog.close": "Zamknij",
    },
    cs: {
      "settings.title": "Nastavení", "settings.back": "Zpět na vratky",
      "settings.navLabel": "Části nastavení", "settings.nav.markets": "Trhy a pravidla",
      "settings.nav.reasons": "Důvody vrácení", "settings.nav.carriers": "Dopravci", "settings.nav.store": "Obchod",
      "settings.readOnly": "Ke změně nastavení potřebujete oprávnění Správa aplikací. Můžete je jen prohlížet.",
      "state.errorTitle": "Nastavení se nepodařilo načíst", "state.retry": "Zkusit znovu",
      "state.loading": "Načítání nastavení…",
      "state.unreachable": "Aplikace neodpověděla. Zkontrolujte připojení a zkuste to znovu.",
      "accounts.title": "Účty dopravců", "accounts.add": "Přidat účet",
      "accounts.col.carrier": "Dopravce", "accounts.col.name": "Název", "accounts.col.market": "Trh",
      "accounts.col.modes": "Způsoby", "accounts.col.testMode": "Testovací režim", "accounts.col.active": "Aktivní",
      "accounts.col.check": "Poslední test", "accounts.col.actions": "Akce",
      "accounts.emptyTitle": "Zatím žádné účty dopravců",
      "accounts.emptyText": "Přidejte účet obchodu u dopravce, abyste mohli vystavovat štítky pro vratky.",
      "accounts.allMarkets": "Všechny trhy", "accounts.yes": "Ano", "accounts.no": "Ne",
      "accounts.edit": "Upravit", "accounts.view": "Zobrazit", "accounts.test": "Otestovat přístupové údaje",
      "accounts.testing": "Testování…", "accounts.checkOk": "OK", "accounts.notChecked": "Netestováno",
      "check.okTitle": "Přístupové údaje fungují", "check.okText": "{carrier} přijal účet „{name}“.",
      "check.failedTitle": "Dopravce odmítl přístupové údaje",
      "check.errorTitle": "Přístupové údaje se nepodařilo otestovat",
      "account.newTitle": "Nový účet dopravce", "account.editTitle": "Upravit „{name}“",
      "account.viewTitle": "„{name}“",
      "account.carrier": "Dopravce", "account.name": "Název", "account.market": "Trh",
      "account.labelFormat": "Formát štítku", "account.modes": "Způsoby vrácení",
      "account.credentials": "Přístupové údaje",
      "account.credentialsNew": "Posílají se jen dopravci; znovu se nezobrazí.",
      "account.credentialsEdit": "Uložené a skryté. Nechte všechny hodnoty prázdné, aby zůstaly; ke změně vyplňte všechny.",
      "account.credentialKey": "Název", "account.credentialValue": "Hodnota",
      "account.credentialKeep": "Nechte prázdné pro zachování",
      "account.addCredential": "Přidat údaj", "account.remove": "Odebrat",
      "account.returnAddress": "Adresa pro vrácení", "account.rateTable": "Ceník",
      "account.rateHint": "Cena do každé hmotnosti, pro dopravce bez živých cen.",
      "account.rateWeight": "Do (gramů)", "account.ratePrice": "Cena",
      "account.addRate": "Přidat sazbu", "account.testMode": "Testovací režim", "account.active": "Aktivní",
      "account.advanced": "Pokročilé", "account.baseUrl": "Základní URL (nahrazuje server dopravce)",
      "account.webhook": "URL webhooku push (předejte ji dopravci; uchovejte v tajnosti)",
      "account.copy": "Kopírovat", "account.copied": "Zkopírováno.", "account.copyFailed": "Označte URL a zkopírujte ji.",
      "account.cancel": "Zrušit", "account.save": "Uložit účet", "account.saving": "Ukládání…",
      "account.saved": "Účet dopravce uložen", "account.failed": "Účet nebyl uložen",
      "account.fixErrors": "Zkontrolujte označená pole.",
      "address.name": "Jméno", "address.company": "Firma",
      "address.streetLines": "Ulice (jeden řádek na řádek)", "address.postalCode": "PSČ",
      "address.city": "Město", "address.county": "Kraj", "address.countryCode": "Kód země",
      "address.phone": "Telefon", "address.email": "E-mail",
      "format.PDF_A6": "PDF A6", "format.PDF_A4": "PDF A4", "format.ZPL": "ZPL (termotisk)",
      "mode.PICKUP": "Vyzvednutí kurýrem", "mode.DROP_OFF": "Výdejní místo",
      "mode.LOCKER": "Box", "mode.SELF_SHIP": "Vlastní odeslání",
      "rules.title": "Pravidla dopravců", "rules.market": "Trh",
      "rules.intro": "U každé vratky vybere účet dopravce první odpovídající pravidlo.",
      "rules.noMarket": "Nejprve přidejte trh.",
      "rules.empty": "Žádná pravidla: vratky na tomto trhu se neobjednávají automaticky.",
      "rules.add": "Přidat pravidlo", "rules.save": "Uložit pravidla", "rules.saving": "Ukládání…",
      "rules.saved": "Pravidla dopravců uložena", "rules.failed": "Pravidla nebyla uložena",
      "rules.number": "Pravidlo {number}", "rules.account": "Účet", "rules.anyAccount": "Jakýkoli účet",
      "rules.strategy": "Strategie", "strategy.FIXED": "Pevný účet",
      "strategy.CHEAPEST": "Nejlevnější nabídka",
      "rules.countries": "Země (oddělené čárkou, prázdné: jakékoli)",
      "rules.categories": "Kategorie (oddělené čárkou, prázdné: jakékoli)",
      "rules.modes": "Způsoby (žádný: jakýkoli)", "rules.minWeight": "Min. hmotnost (g)",
      "rules.maxWeight": "Max. hmotnost (g)", "rules.fallback": "Záložní",
      "rules.up": "Nahoru", "rules.down": "Dolů", "rules.remove": "Odebrat",
      "dialog.close": "Zavřít",
    },
  });

  // --- GraphQL ------------------------------------------------------------------------------
  const ACCOUNT_FIELDS =
    "id carrier name marketId credentialKeys testMode baseUrl enabledModes labelFormat " +
    "isActive checkedAt checkError webhookUrl rateTable { maxWeightGrams price } " +
    "returnAddress { name company streetLines postalCode city county countryCode phone email }";
  const LOAD = "query SettingsLoad { " +
    "carriers { code name modes labelFormats pushesTracking needsAccount } " +
    "markets { id name countries } " +
    "carrierAccounts { " + ACCOUNT_FIELDS + " } }";
  const RULE_FIELDS =
    "accountId strategy countries categories modes minWeightGrams maxWeightGrams isFallback";
  const RULES = "query SettingsRules($marketId: ID!) { carrierRules(marketId: $marketId) { " +
    RULE_FIELDS + " } }";
  const ERRORS = "errors { field code message }";
  const CREATE = "mutation AccountCreate($input: CarrierAccountInput!) { " +
    "carrierAccountCreate(input: $input) { carrierAccount { " + ACCOUNT_FIELDS + " } " + ERRORS + " } }";
  const UPDATE = "mutation AccountUpdate($id: ID!, $input: CarrierAccountInput!) { " +
    "carrierAccountUpdate(id: $id, input: $input) { carrierAccount { " + ACCOUNT_FIELDS + " } " +
    ERRORS + " } }";
  const CHECK = "mutation AccountCheck($id: ID!) { carrierAccountCheck(id: $id) { ok " +
    "carrierAccount { " + ACCOUNT_FIELDS + " } " + ERRORS + " } }";
  const RULES_SET = "mutation RulesSet($marketId: ID!, $rules: [CarrierRuleInput!]!) { " +
    "carrierRulesSet(marketId: $marketId, rules: $rules) { rules { " + RULE_FIELDS + " } " +
    ERRORS + " } }";

  function mutate(query, variables, name) {
    return ui.mutate(query, variables, name, t("state.unreachable"));
  }

  // --- State and elements -------------------------------------------------------------------
  const $ = function (id) { return document.getElementById(id); };
  const state = {
    started: false,
    canManage: true,
    carriers: [],
    markets: [],
    accounts: [],
    editing: null, // the account being edited; null for a new one
    checking: {}, // account id -> true while its check runs
    marketId: null,
    rules: [],
  };
  const el = {
    root: $("settings"),
    loading: $("loading"),
    error: $("error"),
    errorText: $("error-text"),
    notice: $("readonly-notice"),
    accountsSection: $("accounts-section"),
    rulesSection: $("rules-section"),
    accountRows: $("account-rows"),
    accountsEmpty: $("accounts-empty"),
    addAccount: $("add-account"),
    form: $("account-form"),
    formTitle: $("account-form-title"),
    formError: $("account-form-error"),
    carrier: $("account-carrier"),
    name: $("account-name"),
    market: $("account-market"),
    labelFormat: $("account-label-format"),
    modes: $("account-modes"),
    credentialRows: $("credential-rows"),
    credentialsHint: $("credentials-hint"),
    rateRows: $("rate-rows"),
    testMode: $("account-test-mode"),
    active: $("account-active"),
    baseUrl: $("account-base-url"),
    webhook: $("webhook"),
    webhookUrl: $("webhook-url"),
    copyStatus: $("copy-status"),
    save: $("account-save"),
    rulesMarket: $("rules-market"),
    rulesList: $("rules"),
    rulesEmpty: $("rules-empty"),
    rulesNoMarket: $("rules-no-market"),
    rulesError: $("rules-error"),
    rulesStatus: $("rules-status"),
    saveRules: $("save-rules"),
    addRule: $("add-rule"),
    dialog: $("message-dialog"),
    dialogTitle: $("message-title"),
    dialogText: $("message-text"),
  };


  function carrierOf(code) {
    return state.carriers.find(function (c) { return c.code === code; }) || null;
  }
  function carrierName(code) {
    const carrier = carrierOf(code);
    return carrier ? carrier.name : code;
  }
  function marketName(id) {
    if (!id) return t("accounts.allMarkets");
    const market = state.markets.find(function (m) { return m.id === id; });
    return market ? market.name : id;
  }

  function showMessage(title, text) {
    el.dialogTitle.textContent = title;
    el.dialogText.textContent = text || "";
    if (!el.dialog.open) el.dialog.showModal();
  }

  // --- Loading ------------------------------------------------------------------------------
  function setLoading(loading) {
    el.root.setAttribute("aria-busy", loading ? "true" : "false");
    el.loading.hidden = !loading;
  }

  function loadPermissions() {
    return ui.canManageApps().then(function (canManage) { state.canManage = canManage; });
  }

  function load() {
    setLoading(true);
    el.error.hidden = true;
    Promise.all([bridge.graphql(LOAD), loadPermissions()]).then(
      function (results) {
        const body = results[0];
        if (!body || !body.data || (body.errors && body.errors.length)) {
          fail(ui.errorMessage(body) || t("state.unreachable"));
          return;
        }
        state.carriers = body.data.carriers || [];
        state.markets = body.data.markets || [];
        state.accounts = body.data.carrierAccounts || [];
        setLoading(false);
        el.accountsSection.hidden = false;
        el.rulesSection.hidden = false;
        renderPermissions();
        renderAccounts();
        renderMarkets();
        if (state.marketId) loadRules();
      },
      function () { fail(t("state.unreachable")); }
    );
  }

  function fail(message) {
    setLoading(false);
    el.error.hidden = false;
    el.errorText.textContent = message;
  }

  function renderPermissions() {
    el.notice.hidden = state.canManage;
    el.root.classList.toggle("is-readonly", !state.canManage);
    el.addAccount.hidden = !state.canManage;
  }

  // --- Accounts list ------------------------------------------------------------------------
  function checkCell(account) {
    const cell = make("td", "settings__check-result");
    if (state.checking[account.id]) {
      cell.append(make("span", "muted", t("accounts.testing")));
    } else if (!account.checkedAt) {
      cell.append(make("span", "muted", t("accounts.notChecked")));
    } else if (account.checkError) {
      cell.append(make("span", "badge badge--critical", account.checkError));
    } else {
      cell.append(make("span", "badge badge--success", t("accounts.checkOk")));
    }
    if (account.checkedAt) {
      const when = make("span", "muted settings__when",
        new Date(account.checkedAt).toLocaleString(i18n.language()));
      cell.append(when);
    }
    return cell;
  }

  function renderAccounts() {
    el.accountRows.replaceChildren();
    el.accountsEmpty.hidden = state.accounts.length > 0;
    state.accounts.forEach(function (account) {
      const row = make("tr");
      row.dataset.accountId = account.id;
      row.append(make("td", null, carrierName(account.carrier)));
      row.append(make("td", "settings__account-name", account.name));
      row.append(make("td", null, marketName(account.marketId)));
      const modes = make("td");
      account.enabledModes.forEach(function (mode) {
        modes.append(make("span", "badge badge--neutral settings__mode", t("mode." + mode)));
      });
      row.append(modes);
      row.append(make("td", null, account.testMode ? t("accounts.yes") : t("accounts.no")));
      const active = make("td");
      active.append(make("span", "badge " + (account.isActive ? "badge--success" : "badge--neutral"),
        account.isActive ? t("accounts.yes") : t("accounts.no")));
      row.append(active);
      row.append(checkCell(account));
      const actions = make("td", "settings__actions");
      const edit = make("button", "button button--secondary",
        state.canManage ? t("accounts.edit") : t("accounts.view"));
      edit.type = "button";
      edit.dataset.action = "edit";
      edit.addEventListener("click", function () { openForm(account); });
      actions.append(edit);
      if (state.canManage) {
        const test = make("button", "button button--tertiary", t("accounts.test"));
        test.type = "button";
        test.dataset.action = "test";
        test.disabled = !!state.checking[account.id];
        test.addEventListener("click", function () { checkAccount(account); });
        actions.append(test);
      }
      row.append(actions);
      el.accountRows.append(row);
    });
  }

  function replaceAccount(saved) {
    const index = state.accounts.findIndex(function (a) { return a.id === saved.id; });
    if (index === -1) state.accounts.push(saved);
    else state.accounts[index] = saved;
  }

  function checkAccount(account) {
    state.checking[account.id] = true;
    renderAccounts();
    mutate(CHECK, { id: account.id }, "carrierAccountCheck").then(function (outcome) {
      delete state.checking[account.id];
      const payload = outcome.payload;
      if (payload && payload.carrierAccount) replaceAccount(payload.carrierAccount);
      renderAccounts();
      if (outcome.errors.length) {
        showMessage(t("check.errorTitle"), outcome.errors[0].message);
      } else if (payload.ok) {
        showMessage(t("check.okTitle"),
          t("check.okText", { carrier: carrierName(account.carrier), name: account.name }));
      } else {
        showMessage(t("check.failedTitle"), payload.carrierAccount.checkError || "");
      }
    });
  }

  // --- Account form -------------------------------------------------------------------------
  function option(value, text, selected) {
    const node = make("option", null, text);
    node.value = value;
    node.selected = !!selected;
    return node;
  }

  function renderCarrierChoices(account) {
    el.carrier.replaceChildren();
    state.carriers.forEach(function (carrier) {
      el.carrier.append(option(carrier.code, carrier.name, account && account.carrier === carrier.code));
    });
    el.market.replaceChildren(option("", t("accounts.allMarkets")));
    state.markets.forEach(function (market) {
      el.market.append(option(market.id, market.name, account && account.marketId === market.id));
    });
  }

  // Modes and label formats the chosen carrier supports, keeping what was ticked.
  function renderCarrierCapabilities(checkedModes, labelFormat) {
    const carrier = carrierOf(el.carrier.value);
    const modes = carrier ? carrier.modes : [];
    el.modes.replaceChildren();
    modes.forEach(function (mode) {
      const label = make("label", "settings__check");
      const box = make("input", "checkbox");
      box.type = "checkbox";
      box.value = mode;
      box.name = "enabledModes";
      box.checked = checkedModes.indexOf(mode) !== -1;
      label.append(box, " ", make("span", null, t("mode." + mode)));
      el.modes.append(label);
    });
    el.labelFormat.replaceChildren();
    (carrier ? carrier.labelFormats : []).forEach(function (format) {
      el.labelFormat.append(option(format, t("format." + format), format === labelFormat));
    });
  }

  function removeButton(node) {
    const button = node.querySelector("[data-remove]");
    button.textContent = t("account.remove");
    button.addEventListener("click", function () {
      (node.closest("[data-rate]") || node).remove();
      renumberRates();
    });
  }

  function addCredentialRow(key) {
    const node = $("credential-row").content.firstElementChild.cloneNode(true);
    const keyInput = node.querySelector("[data-key]");
    const valueInput = node.querySelector("[data-value]");
    keyInput.value = key || "";
    keyInput.placeholder = t("account.credentialKey");
    keyInput.setAttribute("aria-label", t("account.credentialKey"));
    valueInput.placeholder = state.editing ? t("account.credentialKeep") : t("account.credentialValue");
    valueInput.setAttribute("aria-label", t("account.credentialValue") + (key ? " " + key : ""));
    valueInput.dataset.credentialFor = key || "";
    keyInput.addEventListener("input", function () { valueInput.dataset.credentialFor = keyInput.value; });
    removeButton(node);
    el.credentialRows.append(node);
  }

  function addRateRow(rate) {
    const wrap = $("rate-row").content.firstElementChild.cloneNode(true);
    const weight = wrap.querySelector("[data-weight]");
    const price = wrap.querySelector("[data-price]");
    weight.value = rate ? rate.maxWeightGrams : "";
    price.value = rate ? rate.price : "";
    weight.placeholder = t("account.rateWeight");
    weight.setAttribute("aria-label", t("account.rateWeight"));
    price.placeholder = t("account.ratePrice");
    price.setAttribute("aria-label", t("account.ratePrice"));
    removeButton(wrap);
    el.rateRows.append(wrap);
    renumberRates();
  }

  function renumberRates() {
    el.rateRows.querySelectorAll("[data-rate]").forEach(function (wrap, index) {
      wrap.querySelector("[data-rate-error]").dataset.errorFor = "rateTable." + index;
    });
  }

  function clearErrors(root) {
    root.querySelectorAll("[data-error-for]").forEach(function (node) {
      node.hidden = true;
      node.textContent = "";
    });
    root.querySelectorAll(".is-invalid").forEach(function (node) { node.classList.remove("is-invalid"); });
  }

  // Each error next to its field (or its closest shown parent path); the rest on top.
  function showErrors(root, general, errors) {
    const unplaced = ui.placeErrors(root, errors, ".field, .settings__fieldset, [data-rate], [data-rule]");
    general.hidden = errors.length === 0;
    general.textContent = unplaced.length ? unplaced.join(" ") : errors.length ? t("account.fixErrors") : "";
  }

  function openForm(account) {
    state.editing = account || null;
    clearErrors(el.form);
    el.formError.hidden = true;
    el.copyStatus.textContent = "";
    el.formTitle.textContent = account
      ? t(state.canManage ? "account.editTitle" : "account.viewTitle", { name: account.name })
      : t("account.newTitle");
    renderCarrierChoices(account);
    el.carrier.disabled = !!account; // an account stays at its carrier
    el.name.value = account ? account.name : "";
    const address = account ? account.returnAddress : {};
    el.form.querySelectorAll("[data-address]").forEach(function (input) {
      const value = address[input.dataset.address];
      input.value = Array.isArray(value) ? value.join("\n") : (value || "");
    });
    renderCarrierCapabilities(account ? account.enabledModes : [], account ? account.labelFormat : null);
    el.credentialRows.replaceChildren();
    const keys = account ? account.credentialKeys : (CREDENTIAL_KEYS[el.carrier.value] || [""]);
    (keys.length ? keys : [""]).forEach(addCredentialRow);
    el.credentialsHint.textContent = t(account ? "account.credentialsEdit" : "account.credentialsNew");
    el.rateRows.replaceChildren();
    (account ? account.rateTable : []).forEach(addRateRow);
    el.testMode.checked = account ? account.testMode : true;
    el.active.checked = account ? account.isActive : true;
    el.baseUrl.value = account ? account.baseUrl || "" : "";
    const carrier = account ? carrierOf(account.carrier) : null;
    el.webhook.hidden = !(account && carrier && carrier.pushesTracking && account.webhookUrl);
    el.webhookUrl.value = account ? account.webhookUrl || "" : "";
    // Read-only: every field shows but none changes; saving still asks the API (which refuses).
    el.form.querySelectorAll("input, select, textarea, button").forEach(function (node) {
      if (node.id === "account-cancel" || node.id === "account-save" || node.id === "copy-webhook" ||
          node.id === "webhook-url") return;
      if (node.id === "account-carrier") return;
      node.disabled = !state.canManage;
    });
    el.form.hidden = false;
    el.form.scrollIntoView({ block: "start" });
    (account ? el.name : el.carrier).focus();
  }

  function closeForm() {
    el.form.hidden = true;
    state.editing = null;
  }

  function formInput() {
    const address = {};
    el.form.querySelectorAll("[data-address]").forEach(function (input) {
      const name = input.dataset.address;
      address[name] = name === "streetLines"
        ? input.value.split("\n").map(function (line) { return line.trim(); }).filter(Boolean)
        : input.value.trim();
    });
    address.countryCode = address.countryCode.toUpperCase();
    const credentials = [];
    let anyValue = false;
    el.credentialRows.querySelectorAll("[data-credential]").forEach(function (row) {
      const key = row.querySelector("[data-key]").value.trim();
      const value = row.querySelector("[data-value]").value;
      if (value) anyValue = true;
      if (key) credentials.push({ key: key, value: value });
    });
    const rateTable = [];
    el.rateRows.querySelectorAll("[data-rate]").forEach(function (wrap) {
      const weight = wrap.querySelector("[data-weight]").value.trim();
      const price = wrap.querySelector("[data-price]").value.trim().replace(",", ".");
      rateTable.push({ maxWeightGrams: weight === "" ? 0 : parseInt(weight, 10) || 0, price: price || "-1" });
    });
    const input = {
      carrier: el.carrier.value,
      name: el.name.value.trim(),
      marketId: el.market.value || null,
      testMode: el.testMode.checked,
      baseUrl: el.baseUrl.value.trim(),
      enabledModes: Array.from(el.modes.querySelectorAll("input:checked")).map(function (b) { return b.value; }),
      returnAddress: address,
      labelFormat: el.labelFormat.value || null,
      rateTable: rateTable,
      isActive: el.active.checked,
    };
    // Editing: empty values keep the stored credentials (they are never sent back to us).
    if (!state.editing || anyValue) input.credentials = credentials;
    return input;
  }

  function saveAccount(event) {
    event.preventDefault();
    clearErrors(el.form);
    el.formError.hidden = true;
    const editing = state.editing;
    const input = formInput();
    el.save.disabled = true;
    el.save.textContent = t("account.saving");
    const request = editing
      ? mutate(UPDATE, { id: editing.id, input: input }, "carrierAccountUpdate")
      : mutate(CREATE, { input: input }, "carrierAccountCreate");
    request.then(function (outcome) {
      el.save.disabled = false;
      el.save.textContent = t("account.save");
      if (outcome.errors.length || !outcome.payload.carrierAccount) {
        showErrors(el.form, el.formError, outcome.errors);
        bridge.notify("error", t("account.failed"), outcome.errors.length ? outcome.errors[0].message : "");
        return;
      }
      replaceAccount(outcome.payload.carrierAccount);
      closeForm();
      renderAccounts();
      renderRules(); // account choices of the rules
      bridge.notify("success", t("account.saved"), outcome.payload.carrierAccount.name);
    });
  }

  function copyWebhook() {
    el.webhookUrl.select();
    const done = function () { el.copyStatus.textContent = t("account.copied"); };
    const failed = function () { el.copyStatus.textContent = t("account.copyFailed"); };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(el.webhookUrl.value).then(done, function () {
        // Clipboard API denied in the frame (no clipboard-write permission): the old way.
        let copied = false;
        try { copied = document.execCommand("copy"); } catch (denied) { copied = false; }
        (copied ? done : failed)();
      });
    } else {
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (denied) { copied = false; }
      (copied ? done : failed)();
    }
  }

  // --- Carrier rules ------------------------------------------------------------------------
  function renderMarkets() {
    el.rulesMarket.replaceChildren();
    state.markets.forEach(function (market) {
      el.rulesMarket.append(option(market.id, market.name, market.id === state.marketId));
    });
    el.rulesNoMarket.hidden = state.markets.length > 0;
    el.rulesMarket.disabled = state.markets.length === 0;
    el.addRule.disabled = state.markets.length === 0 || !state.canManage;
    el.saveRules.disabled = state.markets.length === 0;
    if (!state.marketId && state.markets.length) state.marketId = state.markets[0].id;
    el.rulesMarket.value = state.marketId || "";
  }

  // Markets created, renamed or deleted in the markets section (settings_markets.js).
  document.addEventListener("saleor-returns:markets", function (event) {
    state.markets = event.detail.slice();
    const kept = state.markets.some(function (m) { return m.id === state.marketId; });
    if (!kept) state.marketId = null;
    renderMarkets();
    if (!kept && state.marketId) loadRules();
  });

  function loadRules() {
    const marketId = state.marketId;
    el.rulesError.hidden = true;
    el.rulesStatus.textContent = "";
    el.rulesList.setAttribute("aria-busy", "true");
    bridge.graphql(RULES, { marketId: marketId }).then(function (body) {
      if (marketId !== state.marketId) return;
      el.rulesList.setAttribute("aria-busy", "false");
      if (!body || !body.data || (body.errors && body.errors.length)) {
        el.rulesError.hidden = false;
        el.rulesError.textContent = ui.errorMessage(body) || t("state.unreachable");
        return;
      }
      state.rules = body.data.carrierRules.map(function (rule) { return Object.assign({}, rule); });
      renderRules();
    }, function () {
      el.rulesList.setAttribute("aria-busy", "false");
      el.rulesError.hidden = false;
      el.rulesError.textContent = t("state.unreachable");
    });
  }

  function ruleField(labelKey, control, errorFor) {
    const field = make("label", "field");
    field.append(make("span", "field__label", t(labelKey)), control);
    if (errorFor) {
      const error = make("span", "field__error");
      error.dataset.errorFor = errorFor;
      error.hidden = true;
      field.append(error);
    }
    return field;
  }

  function listText(values) { return (values || []).join(", "); }
  function parseList(text, upper) {
    return text.split(",").map(function (v) { return upper ? v.trim().toUpperCase() : v.trim(); })
      .filter(Boolean);
  }
  function parseWeight(text) {
    const value = String(text).trim();
    return value === "" ? null : parseInt(value, 10);
  }

  function renderRules() {
    el.rulesList.replaceChildren();
    el.rulesEmpty.hidden = state.rules.length > 0 || !state.marketId;
    const marketAccounts = state.accounts.filter(function (a) {
      return !a.marketId || a.marketId === state.marketId;
    });
    state.rules.forEach(function (rule, index) {
      const path = "rules." + index;
      const item = make("li", "card settings__rule");
      item.dataset.rule = String(index);
      const head = make("div", "settings__rule-head");
      head.append(make("h3", "settings__subheading", t("rules.number", { number: index + 1 })));
      const moves = make("div", "settings__rule-moves");
      [["up", -1], ["down", 1]].forEach(function (move) {
        const button = make("button", "button button--tertiary", t("rules." + move[0]));
        button.type = "button";
        button.dataset.move = move[0];
        const target = index + move[1];
        button.disabled = !state.canManage || target < 0 || target >= state.rules.length;
        button.addEventListener("click", function () {
          const moved = state.rules.splice(index, 1)[0];
          state.rules.splice(target, 0, moved);
          renderRules();
        });
        moves.append(button);
      });
      const remove = make("button", "button button--tertiary", t("rules.remove"));
      remove.type = "button";
      remove.dataset.remove = "";
      remove.disabled = !state.canManage;
      remove.addEventListener("click", function () {
        state.rules.splice(index, 1);
        renderRules();
      });
      moves.append(remove);
      head.append(moves);
      item.append(head);
      const general = make("p", "field__error");
      general.dataset.errorFor = path;
      general.hidden = true;
      item.append(general);

      const grid = make("div", "settings__grid");
      const strategy = make("select", "input");
      strategy.dataset.ruleField = "strategy";
      ["FIXED", "CHEAPEST"].forEach(function (s) {
        strategy.append(option(s, t("strategy." + s), rule.strategy === s));
      });
      strategy.addEventListener("change", function () { rule.strategy = strategy.value; });
      grid.append(ruleField("rules.strategy", strategy, path + ".strategy"));

      const account = make("select", "input");
      account.dataset.ruleField = "account";
      account.append(option("", t("rules.anyAccount"), !rule.accountId));
      marketAccounts.forEach(function (a) {
        account.append(option(a.id, carrierName(a.carrier) + " · " + a.name, a.id === rule.accountId));
      });
      account.addEventListener("change", function () { rule.accountId = account.value || null; });
      grid.append(ruleField("rules.account", account, path + ".accountId"));

      const countries = make("input", "input");
      countries.type = "text";
      countries.dataset.ruleField = "countries";
      countries.value = listText(rule.countries);
      countries.addEventListener("input", function () { rule.countries = parseList(countries.value, true); });
      grid.append(ruleField("rules.countries", countries, path + ".countries"));

      const categories = make("input", "input");
      categories.type = "text";
      categories.dataset.ruleField = "categories";
      categories.value = listText(rule.categories);
      categories.addEventListener("input", function () { rule.categories = parseList(categories.value, false); });
      grid.append(ruleField("rules.categories", categories, path + ".categories"));

      const min = make("input", "input");
      min.type = "number";
      min.min = "0";
      min.dataset.ruleField = "minWeight";
      min.value = rule.minWeightGrams === null || rule.minWeightGrams === undefined ? "" : rule.minWeightGrams;
      min.addEventListener("input", function () { rule.minWeightGrams = parseWeight(min.value); });
      grid.append(ruleField("rules.minWeight", min, path + ".minWeightGrams"));

      const max = make("input", "input");
      max.type = "number";
      max.min = "0";
      max.dataset.ruleField = "maxWeight";
      max.value = rule.maxWeightGrams === null || rule.maxWeightGrams === undefined ? "" : rule.maxWeightGrams;
      max.addEventListener("input", function () { rule.maxWeightGrams = parseWeight(max.value); });
      grid.append(ruleField("rules.maxWeight", max, path + ".maxWeightGrams"));
      item.append(grid);

      const modes = make("fieldset", "settings__fieldset");
      modes.append(make("legend", "field__label", t("rules.modes")));
      const checks = make("div", "settings__checks");
      MODES.forEach(function (mode) {
        const label = make("label", "settings__check");
        const box = make("input", "checkbox");
        box.type = "checkbox";
        box.value = mode;
        box.dataset.ruleMode = mode;
        box.checked = (rule.modes || []).indexOf(mode) !== -1;
        box.addEventListener("change", function () {
          rule.modes = MODES.filter(function (m) {
            return checks.querySelector('[data-rule-mode="' + m + '"]').checked;
          });
        });
        label.append(box, " ", make("span", null, t("mode." + mode)));
        checks.append(label);
      });
      const fallbackLabel = make("label", "settings__check");
      const fallback = make("input", "checkbox");
      fallback.type = "checkbox";
      fallback.dataset.ruleField = "fallback";
      fallback.checked = !!rule.isFallback;
      fallback.addEventListener("change", function () { rule.isFallback = fallback.checked; });
      fallbackLabel.append(fallback, " ", make("span", null, t("rules.fallback")));
      checks.append(fallbackLabel);
      modes.append(checks);
      item.append(modes);

      item.querySelectorAll("input, select").forEach(function (node) { node.disabled = !state.canManage; });
      el.rulesList.append(item);
    });
  }

  function addRule() {
    state.rules.push({
      accountId: null, strategy: "FIXED", countries: [], categories: [], modes: [],
      minWeightGrams: null, maxWeightGrams: null, isFallback: false,
    });
    renderRules();
    const last = el.rulesList.lastElementChild;
    if (last) last.querySelector("select").focus();
  }

  function saveRules() {
    if (!state.marketId) return;
    clearErrors(el.rulesList);
    el.rulesError.hidden = true;
    el.rulesStatus.textContent = "";
    const marketId = state.marketId;
    const rules = state.rules.map(function (rule) {
      return {
        accountId: rule.accountId || null,
        strategy: rule.strategy,
        countries: rule.countries || [],
        categories: rule.categories || [],
        modes: rule.modes || [],
        minWeightGrams: rule.minWeightGrams === undefined ? null : rule.minWeightGrams,
        maxWeightGrams: rule.maxWeightGrams === undefined ? null : rule.maxWeightGrams,
        isFallback: !!rule.isFallback,
      };
    });
    el.saveRules.disabled = true;
    el.saveRules.textContent = t("rules.saving");
    mutate(RULES_SET, { marketId: marketId, rules: rules }, "carrierRulesSet").then(function (outcome) {
      el.saveRules.disabled = false;
      el.saveRules.textContent = t("rules.save");
      if (outcome.errors.length) {
        showErrors(el.rulesList, el.rulesError, outcome.errors);
        bridge.notify("error", t("rules.failed"), outcome.errors[0].message);
        return;
      }
      if (marketId === state.marketId) {
        state.rules = outcome.payload.rules.map(function (rule) { return Object.assign({}, rule); });
        renderRules();
      }
      el.rulesStatus.textContent = t("rules.saved");
      bridge.notify("success", t("rules.saved"), marketName(marketId));
    });
  }

  // --- Wiring -------------------------------------------------------------------------------
  $("back-to-inbox").href = bridge.viewUrl("/dashboard/");
  el.addAccount.addEventListener("click", function () { openForm(null); });
  $("account-cancel").addEventListener("click", closeForm);
  el.form.addEventListener("submit", saveAccount);
  el.carrier.addEventListener("change", function () {
    const checked = Array.from(el.modes.querySelectorAll("input:checked")).map(function (b) { return b.value; });
    renderCarrierCapabilities(checked, el.labelFormat.value);
    if (!state.editing) {
      el.credentialRows.replaceChildren();
      (CREDENTIAL_KEYS[el.carrier.value] || [""]).forEach(addCredentialRow);
    }
  });
  $("add-credential").addEventListener("click", function () { addCredentialRow(""); });
  $("add-rate").addEventListener("click", function () { addRateRow(null); });
  $("copy-webhook").addEventListener("click", copyWebhook);
  $("retry").addEventListener("click", load);
  el.rulesMarket.addEventListener("change", function () {
    state.marketId = el.rulesMarket.value;
    state.rules = [];
    renderRules();
    loadRules();
  });
  el.addRule.addEventListener("click", addRule);
  el.saveRules.addEventListener("click", saveRules);

  i18n.onChange(function () {
    if (!state.started || el.root.getAttribute("aria-busy") === "true") return;
    renderAccounts();
    renderMarkets();
    renderRules();
    el.saveRules.textContent = t("rules.save");
    if (!el.form.hidden) {
      const account = state.editing;
      el.formTitle.textContent = account
        ? t(state.canManage ? "account.editTitle" : "account.viewTitle", { name: account.name })
        : t("account.newTitle");
      el.credentialsHint.textContent = t(account ? "account.credentialsEdit" : "account.credentialsNew");
    }
  });
  bridge.onLocale(function (locale) { i18n.setLocale(locale); });
  // The first token loads the page; later ones (tokenRefresh) are used by the next call.
  bridge.onToken(function () {
    if (state.started) return;
    state.started = true;
    load();
  });
})();
