// UI text of the return detail, in the Dashboard's languages.
(function () {
  "use strict";
  window.SaleorReturnsI18n.register({
    en: {
      "common.loading": "Loading…",
      "common.back": "Back",
      "detail.title": "Return",
      "detail.order": "Order",
      "detail.openOrder": "Open the order in the Dashboard",
      "detail.customer": "Customer",
      "detail.method": "Method",
      "detail.resolution": "Resolution",
      "detail.created": "Created",
      "detail.approved": "Approved",
      "actions.title": "Actions",
      "actions.none": "Nothing to do in this state.",
      "decision.title": "Policy decision",
      "decision.review": "The return policy sent this return for review:",
      "decision.version": "Policy version {version}",
      "decision.approved": "The return policy approved this return automatically.",
      "decision.bookingFailed": "The carrier refused the booking: {message}",
      "decision.rejected": "Rejected: {reason}",
      "decision.short.review": "Sent for review by the policy",
      "decision.short.approved": "Approved by the policy",
      "review.PHOTO_MISSING": "A reason that needs a photo was given without one.",
      "review.VALUE_ABOVE_LIMIT": "The items are worth {value}, above the review limit of {limit}.",
      "review.AUTO_APPROVE_OFF": "Automatic approval is off: staff approve every return.",
      "lines.title": "Items",
      "lines.product": "Product",
      "lines.sku": "SKU",
      "lines.quantity": "Quantity",
      "lines.photo": "Shopper's photo {number}",
      "lines.unitPrice": "Unit price",
      "lines.reason": "Reason",
      "lines.received": "Received",
      "lines.receivedOf": "{received} of {quantity}",
      "lines.restocked": "restocked",
      "lines.notRestocked": "not restocked",
      "money.title": "Money",
      "money.items": "Items value",
      "money.shippingFee": "Return shipping fee",
      "money.restockingFee": "Restocking fee",
      "money.refund": "Refund amount",
      "money.refunded": "Refunded",
      "shipment.title": "Shipment",
      "shipment.none": "No shipment has been booked yet.",
      "shipment.selfShip": "The shopper sends the parcel on their own.",
      "shipment.attention": "Needs attention.",
      "shipment.carrier": "Carrier",
      "shipment.carrierPending": "Being chosen",
      "shipment.mode": "Mode",
      "shipment.status": "Status",
      "shipment.attempt": "Attempt",
      "shipment.trackingNumber": "Tracking number",
      "shipment.trackingStatus": "Tracking",
      "shipment.dropOffCode": "Drop-off code",
      "shipment.servicePoint": "Service point",
      "shipment.pickupWindow": "Pickup",
      "shipment.window": "{start} – {end}",
      "shipment.deliveredAt": "Delivered",
      "shipment.downloadLabel": "Download label",
      "shipment.labelFailed": "The label could not be downloaded.",
      "shipment.events": "Tracking events",
      "timeline.title": "Timeline",
      "timeline.tracking": "Tracking number {number}",
      "notes.label": "Add a note (staff only)",
      "notes.placeholder": "Write a note for your team…",
      "notes.submit": "Add note",
      "action.approve": "Approve",
      "action.reject": "Reject",
      "action.book": "Book shipment",
      "action.rebook": "Book again",
      "action.cancelShipment": "Cancel shipment",
      "action.tracking": "Enter tracking number",
      "action.receive": "Mark as received",
      "action.inspect": "Mark as inspected",
      "action.refund.REFUND": "Refund",
      "action.refund.STORE_CREDIT": "Issue store credit",
      "action.refund.EXCHANGE": "Complete exchange",
      "action.close": "Close",
      "action.cancel": "Cancel return",
      "action.note": "Add note",
      "confirm.cancel.title": "Cancel this return?",
      "confirm.cancel.text": "The shopper is told the return is cancelled, and an active shipment is cancelled at the carrier.",
      "confirm.cancelShipment.title": "Cancel the shipment?",
      "confirm.cancelShipment.text": "The carrier is asked to cancel the booking; its label stops working.",
      "reject.title": "Reject the return",
      "reject.label": "Reason (the shopper sees it)",
      "reject.submit": "Reject",
      "book.title": "Book the shipment",
      "book.account": "Carrier account",
      "book.rules": "Chosen by the market's carrier rules",
      "book.submit": "Book",
      "tracking.title": "Tracking number",
      "tracking.label": "The tracking number the shopper gave",
      "tracking.submit": "Save",
      "receive.title": "Mark as received",
      "receive.help": "What arrived, in which condition, and what goes back on sale.",
      "receive.quantity": "Arrived",
      "receive.condition": "Condition",
      "receive.restock": "Restock",
      "receive.warehouse": "Warehouse",
      "receive.chooseWarehouse": "Choose a warehouse…",
      "receive.warehousesFailed": "Saleor's warehouses could not be listed ({message}). Enter the warehouse ID instead.",
      "receive.warehousePlaceholder": "Saleor warehouse ID",
      "receive.submit": "Mark as received",
      "refund.title": "Refund",
      "refund.default": "Default amount",
      "refund.amount": "Amount (leave empty for the default)",
      "refund.includeShipping": "Also refund the order's shipping",
      "refund.invalidAmount": "Enter an amount such as 120.50.",
      "refund.submit": "Refund",
      "notify.done": "{action}: done",
      "notify.failed": "{action}: failed",
      "error.unreachable": "The app did not answer. Try again.",
      "error.notFound": "This return does not exist or belongs to another store.",
      "status.REQUESTED": "Requested",
      "status.NEEDS_REVIEW": "Needs review",
      "status.APPROVED": "Approved",
      "status.REJECTED": "Rejected",
      "status.LABEL_ISSUED": "Label issued",
      "status.IN_TRANSIT": "In transit",
      "status.RECEIVED": "Received",
      "status.INSPECTED": "Inspected",
      "status.REFUNDED": "Refunded",
      "status.EXCHANGED": "Exchanged",
      "status.STORE_CREDIT": "Store credit",
      "status.CLOSED": "Closed",
      "status.CANCELLED": "Cancelled",
      "method.PICKUP": "Courier pickup",
      "method.DROP_OFF": "Drop-off point",
      "method.LOCKER": "Parcel locker",
      "method.SELF_SHIP": "Sent by the shopper",
      "resolution.REFUND": "Refund",
      "resolution.EXCHANGE": "Exchange",
      "resolution.STORE_CREDIT": "Store credit",
      "actor.SHOPPER": "Shopper",
      "actor.STAFF": "Staff",
      "actor.SYSTEM": "System",
      "actor.CARRIER": "Carrier",
      "condition.AS_NEW": "As new",
      "condition.OPENED": "Opened",
      "condition.DAMAGED": "Damaged",
      "condition.MISSING": "Missing",
      "shipmentStatus.PLANNED": "Planned",
      "shipmentStatus.BOOKING": "Booking",
      "shipmentStatus.PENDING": "Pending at the carrier",
      "shipmentStatus.BOOKED": "Booked",
      "shipmentStatus.CANCELLING": "Cancelling",
      "shipmentStatus.CANCELLED": "Cancelled",
      "shipmentStatus.FAILED": "Failed",
      "trackingStatus.CREATED": "Created",
      "trackingStatus.PICKED_UP": "Picked up",
      "trackingStatus.IN_TRANSIT": "In transit",
      "trackingStatus.AT_POINT": "At the point",
      "trackingStatus.OUT_FOR_DELIVERY": "Out for delivery",
      "trackingStatus.DELIVERED": "Delivered",
      "trackingStatus.EXCEPTION": "Problem",
      "trackingStatus.RETURNED_TO_SENDER": "Returned to sender",
      "trackingStatus.CANCELLED": "Cancelled",
      "reason.DAMAGED": "Arrived damaged",
      "reason.DEFECTIVE": "Defective or does not work",
      "reason.WRONG_ITEM": "Wrong item sent",
      "reason.NOT_AS_DESCRIBED": "Not as described",
      "reason.ARRIVED_LATE": "Arrived too late",
      "reason.TOO_SMALL": "Too small",
      "reason.TOO_LARGE": "Too large",
      "reason.CHANGED_MIND": "Changed my mind",
      "reason.BETTER_PRICE": "Found a better price",
      "reason.OTHER": "Other",
      "carrier.sameday": "Sameday",
      "carrier.inpost": "InPost",
      "carrier.packeta": "Packeta",
      "carrier.innoship": "Innoship",
      "carrier.self": "Sent by the shopper",
      "labelFormat.PDF_A6": "PDF (A6)",
      "labelFormat.PDF_A4": "PDF (A4)",
      "labelFormat.ZPL": "ZPL (thermal printer)",
      "event.CREATED": "Return requested",
      "event.FLAG_FOR_REVIEW": "Sent for review",
      "event.APPROVE": "Approved",
      "event.REJECT": "Rejected",
      "event.ISSUE_LABEL": "Label issued",
      "event.SHIP": "Parcel on its way",
      "event.RECEIVE": "Received",
      "event.INSPECT": "Inspected",
      "event.REFUND": "Refunded",
      "event.EXCHANGE": "Exchanged",
      "event.ISSUE_STORE_CREDIT": "Store credit issued",
      "event.CLOSE": "Closed",
      "event.CANCEL": "Cancelled",
      "event.BOOKING_FAILED": "Carrier refused the booking",
      "event.REBOOK": "Booking retried",
      "event.VOID_LABEL": "Label voided",
      "event.NOTE": "Note",
      "event.CARRIER_CHOSEN": "Carrier chosen",
      "event.SHIPMENT_BOOK_REQUESTED": "Shipment booking requested",
      "event.SHIPMENT_CANCEL_REQUESTED": "Shipment cancellation requested",
      "event.SHIPMENT_CANCELLED": "Shipment cancelled",
      "event.SHIPMENT_CANCEL_REFUSED": "Carrier refused the cancellation",
      "event.LABEL_READY": "Label ready",
      "event.LABEL_FAILED": "Label could not be fetched",
      "event.PICKUP_SCHEDULED": "Pickup scheduled",
      "event.PICKUP_FAILED": "Pickup could not be scheduled",
      "event.PARCEL_DELIVERED": "Parcel delivered to the warehouse",
      "event.TRACKING_EXCEPTION": "Tracking problem",
      "event.TRACKING_NUMBER_UPDATED": "Tracking number updated",
      "event.SALEOR_RETURNED": "Saleor: items returned",
      "event.SALEOR_RESTOCKED": "Saleor: stock updated",
      "event.SALEOR_REFUND_GRANTED": "Saleor: refund granted",
      "event.SALEOR_REFUND_REQUESTED": "Saleor: refund sent to the payment app",
      "event.SALEOR_GIFT_CARD_ISSUED": "Saleor: gift card issued",
      "event.SALEOR_SYNC_FAILED": "Saleor could not be updated",
      "event.REFUND_NOT_SENT": "Refund not sent: send it from the order",
      "event.AUTO_REFUND_SKIPPED": "Automatic refund skipped",
    },
    ro: {
      "common.loading": "Se încarcă…",
      "common.back": "Înapoi",
      "detail.title": "Retur",
      "detail.order": "Comandă",
      "detail.openOrder": "Deschide comanda în Dashboard",
      "detail.customer": "Client",
      "detail.method": "Metodă",
      "detail.resolution": "Soluționare",
      "detail.created": "Creat",
      "detail.approved": "Aprobat",
      "actions.title": "Acțiuni",
      "actions.none": "Nu este nimic de făcut în această stare.",
      "decision.title": "Decizia politicii",
      "decision.review": "Politica de retur a trimis acest retur la verificare:",
      "decision.version": "Versiunea politicii: {version}",
      "decision.approved": "Politica de retur a aprobat automat acest retur.",
      "decision.bookingFailed": "Curierul a refuzat rezervarea: {message}",
      "decision.rejected": "Respins: {reason}",
      "decision.short.review": "Trimis la verificare de politică",
      "decision.short.approved": "Aprobat de politică",
      "review.PHOTO_MISSING": "A fost ales un motiv care cere o fotografie, fără fotografie.",
      "review.VALUE_ABOVE_LIMIT": "Produsele valorează {value}, peste limita de verificare de {limit}.",
      "review.AUTO_APPROVE_OFF": "Aprobarea automată este oprită: personalul aprobă fiecare retur.",
      "lines.title": "Produse",
      "lines.product": "Produs",
      "lines.sku": "SKU",
      "lines.quantity": "Cantitate",
      "lines.photo": "Fotografia clientului {number}",
      "lines.unitPrice": "Preț unitar",
      "lines.reason": "Motiv",
      "lines.received": "Primit",
      "lines.receivedOf": "{received} din {quantity}",
      "lines.restocked": "repus în stoc",
      "lines.notRestocked": "nerepus în stoc",
      "money.title": "Bani",
      "money.items": "Valoarea produselor",
      "money.shippingFee": "Taxă de transport retur",
      "money.restockingFee": "Taxă de repunere în stoc",
      "money.refund": "Suma de rambursat",
      "money.refunded": "Rambursat",
      "shipment.title": "Expediere",
      "shipment.none": "Nu a fost rezervată încă nicio expediere.",
      "shipment.selfShip": "Cumpărătorul trimite coletul singur.",
      "shipment.attention": "Necesită atenție.",
      "shipment.carrier": "Curier",
      "shipment.carrierPending": "Se alege",
      "shipment.mode": "Mod",
      "shipment.status": "Stare",
      "shipment.attempt": "Încercarea",
      "shipment.trackingNumber": "Număr de urmărire (AWB)",
      "shipment.trackingStatus": "Urmărire",
      "shipment.dropOffCode": "Cod de predare",
      "shipment.servicePoint": "Punct de predare",
      "shipment.pickupWindow": "Ridicare",
      "shipment.window": "{start} – {end}",
      "shipment.deliveredAt": "Livrat",
      "shipment.downloadLabel": "Descarcă eticheta",
      "shipment.labelFailed": "Eticheta nu a putut fi descărcată.",
      "shipment.events": "Evenimente de urmărire",
      "timeline.title": "Istoric",
      "timeline.tracking": "Număr de urmărire {number}",
      "notes.label": "Adaugă o notă (doar pentru personal)",
      "notes.placeholder": "Scrie o notă pentru echipă…",
      "notes.submit": "Adaugă nota",
      "action.approve": "Aprobă",
      "action.reject": "Respinge",
      "action.book": "Rezervă expedierea",
      "action.rebook": "Rezervă din nou",
      "action.cancelShipment": "Anulează expedierea",
      "action.tracking": "Introdu numărul de urmărire",
      "action.receive": "Marchează ca primit",
      "action.inspect": "Marchează ca verificat",
      "action.refund.REFUND": "Rambursează",
      "action.refund.STORE_CREDIT": "Emite credit în magazin",
      "action.refund.EXCHANGE": "Finalizează schimbul",
      "action.close": "Închide",
      "action.cancel": "Anulează returul",
      "action.note": "Adaugă nota",
      "confirm.cancel.title": "Anulezi acest retur?",
      "confirm.cancel.text": "Cumpărătorul este anunțat că returul a fost anulat, iar o expediere activă este anulată la curier.",
      "confirm.cancelShipment.title": "Anulezi expedierea?",
      "confirm.cancelShipment.text": "Curierului i se cere să anuleze rezervarea; eticheta nu mai este valabilă.",
      "reject.title": "Respinge returul",
      "reject.label": "Motiv (cumpărătorul îl vede)",
      "reject.submit": "Respinge",
      "book.title": "Rezervă expedierea",
      "book.account": "Cont de curier",
      "book.rules": "Ales după regulile de curierat ale pieței",
      "book.submit": "Rezervă",
      "tracking.title": "Număr de urmărire",
      "tracking.label": "Numărul de urmărire dat de cumpărător",
      "tracking.submit": "Salvează",
      "receive.title": "Marchează ca primit",
      "receive.help": "Ce a sosit, în ce stare și ce se pune înapoi la vânzare.",
      "receive.quantity": "Sosite",
      "receive.condition": "Stare",
      "receive.restock": "Repune în stoc",
      "receive.warehouse": "Depozit",
      "receive.chooseWarehouse": "Alege un depozit…",
      "receive.warehousesFailed": "Depozitele din Saleor nu au putut fi listate ({message}). Introdu ID-ul depozitului.",
      "receive.warehousePlaceholder": "ID-ul depozitului din Saleor",
      "receive.submit": "Marchează ca primit",
      "refund.title": "Rambursare",
      "refund.default": "Suma implicită",
      "refund.amount": "Suma (lasă gol pentru suma implicită)",
      "refund.includeShipping": "Rambursează și transportul comenzii",
      "refund.invalidAmount": "Introdu o sumă precum 120.50.",
      "refund.submit": "Rambursează",
      "notify.done": "{action}: gata",
      "notify.failed": "{action}: nu a reușit",
      "error.unreachable": "Aplicația nu a răspuns. Încearcă din nou.",
      "error.notFound": "Acest retur nu există sau aparține altui magazin.",
      "status.REQUESTED": "Solicitat",
      "status.NEEDS_REVIEW": "Necesită verificare",
      "status.APPROVED": "Aprobat",
      "status.REJECTED": "Respins",
      "status.LABEL_ISSUED": "Etichetă emisă",
      "status.IN_TRANSIT": "În tranzit",
      "status.RECEIVED": "Primit",
      "status.INSPECTED": "Verificat",
      "status.REFUNDED": "Rambursat",
      "status.EXCHANGED": "Schimbat",
      "status.STORE_CREDIT": "Credit în magazin",
      "status.CLOSED": "Închis",
      "status.CANCELLED": "Anulat",
      "method.PICKUP": "Ridicare de către curier",
      "method.DROP_OFF": "Punct de predare",
      "method.LOCKER": "Easybox / locker",
      "method.SELF_SHIP": "Trimis de cumpărător",
      "resolution.REFUND": "Rambursare",
      "resolution.EXCHANGE": "Schimb",
      "resolution.STORE_CREDIT": "Credit în magazin",
      "actor.SHOPPER": "Cumpărător",
      "actor.STAFF": "Personal",
      "actor.SYSTEM": "Sistem",
      "actor.CARRIER": "Curier",
      "condition.AS_NEW": "Ca nou",
      "condition.OPENED": "Desfăcut",
      "condition.DAMAGED": "Deteriorat",
      "condition.MISSING": "Lipsă",
      "shipmentStatus.PLANNED": "Planificată",
      "shipmentStatus.BOOKING": "Se rezervă",
      "shipmentStatus.PENDING": "În așteptare la curier",
      "shipmentStatus.BOOKED": "Rezervată",
      "shipmentStatus.CANCELLING": "Se anulează",
      "shipmentStatus.CANCELLED": "Anulată",
      "shipmentStatus.FAILED": "Eșuată",
      "trackingStatus.CREATED": "Creată",
      "trackingStatus.PICKED_UP": "Preluat",
      "trackingStatus.IN_TRANSIT": "În tranzit",
      "trackingStatus.AT_POINT": "La punct",
      "trackingStatus.OUT_FOR_DELIVERY": "În livrare",
      "trackingStatus.DELIVERED": "Livrat",
      "trackingStatus.EXCEPTION": "Problemă",
      "trackingStatus.RETURNED_TO_SENDER": "Returnat expeditorului",
      "trackingStatus.CANCELLED": "Anulat",
      "reason.DAMAGED": "A sosit deteriorat",
      "reason.DEFECTIVE": "Defect sau nu funcționează",
      "reason.WRONG_ITEM": "Produs greșit",
      "reason.NOT_AS_DESCRIBED": "Nu corespunde descrierii",
      "reason.ARRIVED_LATE": "A sosit prea târziu",
      "reason.TOO_SMALL": "Prea mic",
      "reason.TOO_LARGE": "Prea mare",
      "reason.CHANGED_MIND": "M-am răzgândit",
      "reason.BETTER_PRICE": "Am găsit un preț mai bun",
      "reason.OTHER": "Altul",
      "carrier.self": "Trimis de cumpărător",
      "labelFormat.ZPL": "ZPL (imprimantă termică)",
      "event.CREATED": "Retur solicitat",
      "event.FLAG_FOR_REVIEW": "Trimis la verificare",
      "event.APPROVE": "Aprobat",
      "event.REJECT": "Respins",
      "event.ISSUE_LABEL": "Etichetă emisă",
      "event.SHIP": "Coletul este pe drum",
      "event.RECEIVE": "Primit",
      "event.INSPECT": "Verificat",
      "event.REFUND": "Rambursat",
      "event.EXCHANGE": "Schimbat",
      "event.ISSUE_STORE_CREDIT": "Credit în magazin emis",
      "event.CLOSE": "Închis",
      "event.CANCEL": "Anulat",
      "event.BOOKING_FAILED": "Curierul a refuzat rezervarea",
      "event.REBOOK": "Rezervare reluată",
      "event.VOID_LABEL": "Etichetă anulată",
      "event.NOTE": "Notă",
      "event.CARRIER_CHOSEN": "Curier ales",
      "event.SHIPMENT_BOOK_REQUESTED": "Rezervarea expedierii a fost cerută",
      "event.SHIPMENT_CANCEL_REQUESTED": "Anularea expedierii a fost cerută",
      "event.SHIPMENT_CANCELLED": "Expediere anulată",
      "event.SHIPMENT_CANCEL_REFUSED": "Curierul a refuzat anularea",
      "event.LABEL_READY": "Eticheta este gata",
      "event.LABEL_FAILED": "Eticheta nu a putut fi obținută",
      "event.PICKUP_SCHEDULED": "Ridicare programată",
      "event.PICKUP_FAILED": "Ridicarea nu a putut fi programată",
      "event.PARCEL_DELIVERED": "Colet livrat la depozit",
      "event.TRACKING_EXCEPTION": "Problemă la urmărire",
      "event.TRACKING_NUMBER_UPDATED": "Număr de urmărire actualizat",
      "event.SALEOR_RETURNED": "Saleor: produse returnate",
      "event.SALEOR_RESTOCKED": "Saleor: stoc actualizat",
      "event.SALEOR_REFUND_GRANTED": "Saleor: rambursare acordată",
      "event.SALEOR_REFUND_REQUESTED": "Saleor: rambursare trimisă aplicației de plăți",
      "event.SALEOR_GIFT_CARD_ISSUED": "Saleor: card cadou emis",
      "event.SALEOR_SYNC_FAILED": "Saleor nu a putut fi actualizat",
      "event.REFUND_NOT_SENT": "Rambursarea nu a fost trimisă: trimite-o din comandă",
      "event.AUTO_REFUND_SKIPPED": "Rambursarea automată a fost omisă",
    },
    pl: {
      "common.loading": "Wczytywanie…",
      "common.back": "Wstecz",
      "detail.title": "Zwrot",
      "detail.order": "Zamówienie",
      "detail.openOrder": "Otwórz zamówienie w Dashboardzie",
      "detail.customer": "Klient",
      "detail.method": "Metoda",
      "detail.resolution": "Rozliczenie",
      "detail.created": "Utworzono",
      "detail.approved": "Zatwierdzono",
      "actions.title": "Akcje",
      "actions.none": "W tym stanie nie ma nic do zrobienia.",
      "decision.title": "Decyzja polityki",
      "decision.review": "Polityka zwrotów skierowała ten zwrot do weryfikacji:",
      "decision.version": "Wersja polityki: {version}",
      "decision.approved": "Polityka zwrotów zatwierdziła ten zwrot automatycznie.",
      "decision.bookingFailed": "Przewoźnik odrzucił zlecenie: {message}",
      "decision.rejected": "Odrzucono: {reason}",
      "decision.short.review": "Skierowano do weryfikacji przez politykę",
      "decision.short.approved": "Zatwierdzono przez politykę",
      "review.PHOTO_MISSING": "Podano powód wymagający zdjęcia, ale bez zdjęcia.",
      "review.VALUE_ABOVE_LIMIT": "Produkty są warte {value}, powyżej limitu weryfikacji {limit}.",
      "review.AUTO_APPROVE_OFF": "Automatyczne zatwierdzanie jest wyłączone: personel zatwierdza każdy zwrot.",
      "lines.title": "Produkty",
      "lines.product": "Produkt",
      "lines.sku": "SKU",
      "lines.quantity": "Ilość",
      "lines.photo": "Zdjęcie klienta {number}",
      "lines.unitPrice": "Cena jednostkowa",
      "lines.reason": "Powód",
      "lines.received": "Przyjęto",
      "lines.receivedOf": "{received} z {quantity}",
      "lines.restocked": "przywrócono na stan",
      "lines.notRestocked": "nie przywrócono na stan",
      "money.title": "Kwoty",
      "money.items": "Wartość produktów",
      "money.shippingFee": "Opłata za przesyłkę zwrotną",
      "money.restockingFee": "Opłata za przyjęcie na stan",
      "money.refund": "Kwota zwrotu",
      "money.refunded": "Zwrócono",
      "shipment.title": "Przesyłka",
      "shipment.none": "Nie zlecono jeszcze żadnej przesyłki.",
      "shipment.selfShip": "Kupujący wysyła paczkę samodzielnie.",
      "shipment.attention": "Wymaga uwagi.",
      "shipment.carrier": "Przewoźnik",
      "shipment.carrierPending": "W trakcie wyboru",
      "shipment.mode": "Sposób",
      "shipment.status": "Status",
      "shipment.attempt": "Próba",
      "shipment.trackingNumber": "Numer przesyłki",
      "shipment.trackingStatus": "Śledzenie",
      "shipment.dropOffCode": "Kod nadania",
      "shipment.servicePoint": "Punkt nadania",
      "shipment.pickupWindow": "Odbiór",
      "shipment.window": "{start} – {end}",
      "shipment.deliveredAt": "Doręczono",
      "shipment.downloadLabel": "Pobierz etykietę",
      "shipment.labelFailed": "Nie udało się pobrać etykiety.",
      "shipment.events": "Zdarzenia śledzenia",
      "timeline.title": "Historia",
      "timeline.tracking": "Numer przesyłki {number}",
      "notes.label": "Dodaj notatkę (tylko dla personelu)",
      "notes.placeholder": "Napisz notatkę dla zespołu…",
      "notes.submit": "Dodaj notatkę",
      "action.approve": "Zatwierdź",
      "action.reject": "Odrzuć",
      "action.book": "Zleć przesyłkę",
      "action.rebook": "Zleć ponownie",
      "action.cancelShipment": "Anuluj przesyłkę",
      "action.tracking": "Wpisz numer przesyłki",
      "action.receive": "Oznacz jako przyjęty",
      "action.inspect": "Oznacz jako sprawdzony",
      "action.refund.REFUND": "Zwróć pieniądze",
      "action.refund.STORE_CREDIT": "Wydaj środki w sklepie",
      "action.refund.EXCHANGE": "Zakończ wymianę",
      "action.close": "Zamknij",
      "action.cancel": "Anuluj zwrot",
      "action.note": "Dodaj notatkę",
      "confirm.cancel.title": "Anulować ten zwrot?",
      "confirm.cancel.text": "Kupujący dostanie informację o anulowaniu zwrotu, a aktywna przesyłka zostanie anulowana u przewoźnika.",
      "confirm.cancelShipment.title": "Anulować przesyłkę?",
      "confirm.cancelShipment.text": "Przewoźnik zostanie poproszony o anulowanie zlecenia; etykieta przestanie być ważna.",
      "reject.title": "Odrzuć zwrot",
      "reject.label": "Powód (widoczny dla kupującego)",
      "reject.submit": "Odrzuć",
      "book.title": "Zleć przesyłkę",
      "book.account": "Konto przewoźnika",
      "book.rules": "Wybór według reguł przewoźników rynku",
      "book.submit": "Zleć",
      "tracking.title": "Numer przesyłki",
      "tracking.label": "Numer przesyłki podany przez kupującego",
      "tracking.submit": "Zapisz",
      "receive.title": "Oznacz jako przyjęty",
      "receive.help": "Co dotarło, w jakim stanie i co wraca do sprzedaży.",
      "receive.quantity": "Dotarło",
      "receive.condition": "Stan",
      "receive.restock": "Na stan",
      "receive.warehouse": "Magazyn",
      "receive.chooseWarehouse": "Wybierz magazyn…",
      "receive.warehousesFailed": "Nie udało się pobrać listy magazynów z Saleor ({message}). Wpisz ID magazynu.",
      "receive.warehousePlaceholder": "ID magazynu w Saleor",
      "receive.submit": "Oznacz jako przyjęty",
      "refund.title": "Zwrot pieniędzy",
      "refund.default": "Kwota domyślna",
      "refund.amount": "Kwota (puste pole oznacza kwotę domyślną)",
      "refund.includeShipping": "Zwróć także koszt dostawy zamówienia",
      "refund.invalidAmount": "Wpisz kwotę, np. 120.50.",
      "refund.submit": "Zwróć pieniądze",
      "notify.done": "{action}: gotowe",
      "notify.failed": "{action}: nie powiodło się",
      "error.unreachable": "Aplikacja nie odpowiedziała. Spróbuj ponownie.",
      "error.notFound": "Ten zwrot nie istnieje lub należy do innego sklepu.",
      "status.REQUESTED": "Zgłoszony",
      "status.NEEDS_REVIEW": "Do weryfikacji",
      "status.APPROVED": "Zatwierdzony",
      "status.REJECTED": "Odrzucony",
      "status.LABEL_ISSUED": "Etykieta wystawiona",
      "status.IN_TRANSIT": "W drodze",
      "status.RECEIVED": "Przyjęty",
      "status.INSPECTED": "Sprawdzony",
      "status.REFUNDED": "Zwrócono pieniądze",
      "status.EXCHANGED": "Wymieniony",
      "status.STORE_CREDIT": "Środki w sklepie",
      "status.CLOSED": "Zamknięty",
      "status.CANCELLED": "Anulowany",
      "method.PICKUP": "Odbiór przez kuriera",
      "method.DROP_OFF": "Punkt nadania",
      "method.LOCKER": "Paczkomat",
      "method.SELF_SHIP": "Wysyłka przez kupującego",
      "resolution.REFUND": "Zwrot pieniędzy",
      "resolution.EXCHANGE": "Wymiana",
      "resolution.STORE_CREDIT": "Środki w sklepie",
      "actor.SHOPPER": "Kupujący",
      "actor.STAFF": "Personel",
      "actor.SYSTEM": "System",
      "actor.CARRIER": "Przewoźnik",
      "condition.AS_NEW": "Jak nowy",
      "condition.OPENED": "Otwarty",
      "condition.DAMAGED": "Uszkodzony",
      "condition.MISSING": "Brak",
      "shipmentStatus.PLANNED": "Zaplanowana",
      "shipmentStatus.BOOKING": "Zlecanie",
      "shipmentStatus.PENDING": "Oczekuje u przewoźnika",
      "shipmentStatus.BOOKED": "Zlecona",
      "shipmentStatus.CANCELLING": "Anulowanie",
      "shipmentStatus.CANCELLED": "Anulowana",
      "shipmentStatus.FAILED": "Nieudana",
      "trackingStatus.CREATED": "Utworzona",
      "trackingStatus.PICKED_UP": "Odebrana",
      "trackingStatus.IN_TRANSIT": "W drodze",
      "trackingStatus.AT_POINT": "W punkcie",
      "trackingStatus.OUT_FOR_DELIVERY": "W doręczeniu",
      "trackingStatus.DELIVERED": "Doręczona",
      "trackingStatus.EXCEPTION": "Problem",
      "trackingStatus.RETURNED_TO_SENDER": "Zwrócona do nadawcy",
      "trackingStatus.CANCELLED": "Anulowana",
      "reason.DAMAGED": "Dotarł uszkodzony",
      "reason.DEFECTIVE": "Wadliwy lub nie działa",
      "reason.WRONG_ITEM": "Wysłano niewłaściwy produkt",
      "reason.NOT_AS_DESCRIBED": "Niezgodny z opisem",
      "reason.ARRIVED_LATE": "Dotarł za późno",
      "reason.TOO_SMALL": "Za mały",
      "reason.TOO_LARGE": "Za duży",
      "reason.CHANGED_MIND": "Zmiana decyzji",
      "reason.BETTER_PRICE": "Znaleziono lepszą cenę",
      "reason.OTHER": "Inny",
      "carrier.self": "Wysyłka przez kupującego",
      "labelFormat.ZPL": "ZPL (drukarka termiczna)",
      "event.CREATED": "Zgłoszono zwrot",
      "event.FLAG_FOR_REVIEW": "Skierowano do weryfikacji",
      "event.APPROVE": "Zatwierdzono",
      "event.REJECT": "Odrzucono",
      "event.ISSUE_LABEL": "Wystawiono etykietę",
      "event.SHIP": "Paczka w drodze",
      "event.RECEIVE": "Przyjęto",
      "event.INSPECT": "Sprawdzono",
      "event.REFUND": "Zwrócono pieniądze",
      "event.EXCHANGE": "Wymieniono",
      "event.ISSUE_STORE_CREDIT": "Wydano środki w sklepie",
      "event.CLOSE": "Zamknięto",
      "event.CANCEL": "Anulowano",
      "event.BOOKING_FAILED": "Przewoźnik odrzucił zlecenie",
      "event.REBOOK": "Ponowiono zlecenie",
      "event.VOID_LABEL": "Unieważniono etykietę",
      "event.NOTE": "Notatka",
      "event.CARRIER_CHOSEN": "Wybrano przewoźnika",
      "event.SHIPMENT_BOOK_REQUESTED": "Zlecono przesyłkę",
      "event.SHIPMENT_CANCEL_REQUESTED": "Poproszono o anulowanie przesyłki",
      "event.SHIPMENT_CANCELLED": "Anulowano przesyłkę",
      "event.SHIPMENT_CANCEL_REFUSED": "Przewoźnik odmówił anulowania",
      "event.LABEL_READY": "Etykieta gotowa",
      "event.LABEL_FAILED": "Nie udało się pobrać etykiety",
      "event.PICKUP_SCHEDULED": "Zaplanowano odbiór",
      "event.PICKUP_FAILED": "Nie udało się zaplanować odbioru",
      "event.PARCEL_DELIVERED": "Paczka doręczona do magazynu",
      "event.TRACKING_EXCEPTION": "Problem ze śledzeniem",
      "event.TRACKING_NUMBER_UPDATED": "Zaktualizowano numer przesyłki",
      "event.SALEOR_RETURNED": "Saleor: produkty zwrócone",
      "event.SALEOR_RESTOCKED": "Saleor: zaktualizowano stan",
      "event.SALEOR_REFUND_GRANTED": "Saleor: przyznano zwrot",
      "event.SALEOR_REFUND_REQUESTED": "Saleor: zwrot wysłany do aplikacji płatniczej",
      "event.SALEOR_GIFT_CARD_ISSUED": "Saleor: wydano kartę podarunkową",
      "event.SALEOR_SYNC_FAILED": "Nie udało się zaktualizować Saleor",
      "event.REFUND_NOT_SENT": "Zwrot nie został wysłany: wyślij go z zamówienia",
      "event.AUTO_REFUND_SKIPPED": "Pominięto automatyczny zwrot",
    },
    cs: {
      "common.loading": "Načítání…",
      "common.back": "Zpět",
      "detail.title": "Vratka",
      "detail.order": "Objednávka",
      "detail.openOrder": "Otevřít objednávku v Dashboardu",
      "detail.customer": "Zákazník",
      "detail.method": "Způsob",
      "detail.resolution": "Vyřízení",
      "detail.created": "Vytvořeno",
      "detail.approved": "Schváleno",
      "actions.title": "Akce",
      "actions.none": "V tomto stavu není co dělat.",
      "decision.title": "Rozhodnutí podle pravidel",
      "decision.review": "Pravidla vratek poslala tuto vratku ke kontrole:",
      "decision.version": "Verze pravidel: {version}",
      "decision.approved": "Pravidla vratek tuto vratku schválila automaticky.",
      "decision.bookingFailed": "Dopravce objednávku přepravy odmítl: {message}",
      "decision.rejected": "Zamítnuto: {reason}",
      "decision.short.review": "Posláno ke kontrole podle pravidel",
      "decision.short.approved": "Schváleno podle pravidel",
      "review.PHOTO_MISSING": "Byl zvolen důvod vyžadující fotografii, ale fotografie chybí.",
      "review.VALUE_ABOVE_LIMIT": "Zboží má hodnotu {value}, nad limitem pro kontrolu {limit}.",
      "review.AUTO_APPROVE_OFF": "Automatické schvalování je vypnuté: každou vratku schvaluje personál.",
      "lines.title": "Zboží",
      "lines.product": "Produkt",
      "lines.sku": "SKU",
      "lines.quantity": "Množství",
      "lines.photo": "Fotografie zákazníka {number}",
      "lines.unitPrice": "Jednotková cena",
      "lines.reason": "Důvod",
      "lines.received": "Přijato",
      "lines.receivedOf": "{received} z {quantity}",
      "lines.restocked": "naskladněno",
      "lines.notRestocked": "nenaskladněno",
      "money.title": "Částky",
      "money.items": "Hodnota zboží",
      "money.shippingFee": "Poplatek za zpětnou přepravu",
      "money.restockingFee": "Poplatek za naskladnění",
      "money.refund": "Částka k vrácení",
      "money.refunded": "Vráceno",
      "shipment.title": "Zásilka",
      "shipment.none": "Zatím nebyla objednána žádná zásilka.",
      "shipment.selfShip": "Zákazník posílá balík sám.",
      "shipment.attention": "Vyžaduje pozornost.",
      "shipment.carrier": "Dopravce",
      "shipment.carrierPending": "Vybírá se",
      "shipment.mode": "Způsob",
      "shipment.status": "Stav",
      "shipment.attempt": "Pokus",
      "shipment.trackingNumber": "Sledovací číslo",
      "shipment.trackingStatus": "Sledování",
      "shipment.dropOffCode": "Kód pro podání",
      "shipment.servicePoint": "Výdejní místo",
      "shipment.pickupWindow": "Vyzvednutí",
      "shipment.window": "{start} – {end}",
      "shipment.deliveredAt": "Doručeno",
      "shipment.downloadLabel": "Stáhnout štítek",
      "shipment.labelFailed": "Štítek se nepodařilo stáhnout.",
      "shipment.events": "Události sledování",
      "timeline.title": "Historie",
      "timeline.tracking": "Sledovací číslo {number}",
      "notes.label": "Přidat poznámku (jen pro personál)",
      "notes.placeholder": "Napište poznámku pro tým…",
      "notes.submit": "Přidat poznámku",
      "action.approve": "Schválit",
      "action.reject": "Zamítnout",
      "action.book": "Objednat přepravu",
      "action.rebook": "Objednat znovu",
      "action.cancelShipment": "Zrušit zásilku",
      "action.tracking": "Zadat sledovací číslo",
      "action.receive": "Označit jako přijaté",
      "action.inspect": "Označit jako zkontrolované",
      "action.refund.REFUND": "Vrátit peníze",
      "action.refund.STORE_CREDIT": "Vydat kredit v obchodě",
      "action.refund.EXCHANGE": "Dokončit výměnu",
      "action.close": "Uzavřít",
      "action.cancel": "Zrušit vratku",
      "action.note": "Přidat poznámku",
      "confirm.cancel.title": "Zrušit tuto vratku?",
      "confirm.cancel.text": "Zákazník se dozví, že vratka byla zrušena, a aktivní zásilka se u dopravce zruší.",
      "confirm.cancelShipment.title": "Zrušit zásilku?",
      "confirm.cancelShipment.text": "Dopravce bude požádán o zrušení objednávky přepravy; štítek přestane platit.",
      "reject.title": "Zamítnout vratku",
      "reject.label": "Důvod (zákazník ho uvidí)",
      "reject.submit": "Zamítnout",
      "book.title": "Objednat přepravu",
      "book.account": "Účet dopravce",
      "book.rules": "Podle pravidel dopravců daného trhu",
      "book.submit": "Objednat",
      "tracking.title": "Sledovací číslo",
      "tracking.label": "Sledovací číslo od zákazníka",
      "tracking.submit": "Uložit",
      "receive.title": "Označit jako přijaté",
      "receive.help": "Co dorazilo, v jakém stavu a co se vrací do prodeje.",
      "receive.quantity": "Dorazilo",
      "receive.condition": "Stav",
      "receive.restock": "Naskladnit",
      "receive.warehouse": "Sklad",
      "receive.chooseWarehouse": "Vyberte sklad…",
      "receive.warehousesFailed": "Sklady ze Saleoru se nepodařilo načíst ({message}). Zadejte ID skladu.",
      "receive.warehousePlaceholder": "ID skladu v Saleoru",
      "receive.submit": "Označit jako přijaté",
      "refund.title": "Vrácení peněz",
      "refund.default": "Výchozí částka",
      "refund.amount": "Částka (prázdné pole = výchozí částka)",
      "refund.includeShipping": "Vrátit i poštovné objednávky",
      "refund.invalidAmount": "Zadejte částku, např. 120.50.",
      "refund.submit": "Vrátit peníze",
      "notify.done": "{action}: hotovo",
      "notify.failed": "{action}: nezdařilo se",
      "error.unreachable": "Aplikace neodpověděla. Zkuste to znovu.",
      "error.notFound": "Tato vratka neexistuje nebo patří jinému obchodu.",
      "status.REQUESTED": "Požadováno",
      "status.NEEDS_REVIEW": "Ke kontrole",
      "status.APPROVED": "Schváleno",
      "status.REJECTED": "Zamítnuto",
      "status.LABEL_ISSUED": "Štítek vystaven",
      "status.IN_TRANSIT": "Na cestě",
      "status.RECEIVED": "Přijato",
      "status.INSPECTED": "Zkontrolováno",
      "status.REFUNDED": "Peníze vráceny",
      "status.EXCHANGED": "Vyměněno",
      "status.STORE_CREDIT": "Kredit v obchodě",
      "status.CLOSED": "Uzavřeno",
      "status.CANCELLED": "Zrušeno",
      "method.PICKUP": "Vyzvednutí kurýrem",
      "method.DROP_OFF": "Podací místo",
      "method.LOCKER": "Výdejní box",
      "method.SELF_SHIP": "Posílá zákazník",
      "resolution.REFUND": "Vrácení peněz",
      "resolution.EXCHANGE": "Výměna",
      "resolution.STORE_CREDIT": "Kredit v obchodě",
      "actor.SHOPPER": "Zákazník",
      "actor.STAFF": "Personál",
      "actor.SYSTEM": "Systém",
      "actor.CARRIER": "Dopravce",
      "condition.AS_NEW": "Jako nové",
      "condition.OPENED": "Rozbalené",
      "condition.DAMAGED": "Poškozené",
      "condition.MISSING": "Chybí",
      "shipmentStatus.PLANNED": "Naplánováno",
      "shipmentStatus.BOOKING": "Objednává se",
      "shipmentStatus.PENDING": "Čeká u dopravce",
      "shipmentStatus.BOOKED": "Objednáno",
      "shipmentStatus.CANCELLING": "Ruší se",
      "shipmentStatus.CANCELLED": "Zrušeno",
      "shipmentStatus.FAILED": "Nezdařilo se",
      "trackingStatus.CREATED": "Vytvořeno",
      "trackingStatus.PICKED_UP": "Převzato",
      "trackingStatus.IN_TRANSIT": "Na cestě",
      "trackingStatus.AT_POINT": "Na výdejním místě",
      "trackingStatus.OUT_FOR_DELIVERY": "Na cestě k doručení",
      "trackingStatus.DELIVERED": "Doručeno",
      "trackingStatus.EXCEPTION": "Problém",
      "trackingStatus.RETURNED_TO_SENDER": "Vráceno odesílateli",
      "trackingStatus.CANCELLED": "Zrušeno",
      "reason.DAMAGED": "Dorazilo poškozené",
      "reason.DEFECTIVE": "Vadné nebo nefunguje",
      "reason.WRONG_ITEM": "Zaslán špatný produkt",
      "reason.NOT_AS_DESCRIBED": "Neodpovídá popisu",
      "reason.ARRIVED_LATE": "Dorazilo pozdě",
      "reason.TOO_SMALL": "Příliš malé",
      "reason.TOO_LARGE": "Příliš velké",
      "reason.CHANGED_MIND": "Rozmyslel(a) jsem si to",
      "reason.BETTER_PRICE": "Našel/našla jsem lepší cenu",
      "reason.OTHER": "Jiný",
      "carrier.self": "Posílá zákazník",
      "labelFormat.ZPL": "ZPL (termotiskárna)",
      "event.CREATED": "Vratka požadována",
      "event.FLAG_FOR_REVIEW": "Posláno ke kontrole",
      "event.APPROVE": "Schváleno",
      "event.REJECT": "Zamítnuto",
      "event.ISSUE_LABEL": "Štítek vystaven",
      "event.SHIP": "Balík je na cestě",
      "event.RECEIVE": "Přijato",
      "event.INSPECT": "Zkontrolováno",
      "event.REFUND": "Peníze vráceny",
      "event.EXCHANGE": "Vyměněno",
      "event.ISSUE_STORE_CREDIT": "Vydán kredit v obchodě",
      "event.CLOSE": "Uzavřeno",
      "event.CANCEL": "Zrušeno",
      "event.BOOKING_FAILED": "Dopravce odmítl objednávku přepravy",
      "event.REBOOK": "Objednávka přepravy zopakována",
      "event.VOID_LABEL": "Štítek zneplatněn",
      "event.NOTE": "Poznámka",
      "event.CARRIER_CHOSEN": "Vybrán dopravce",
      "event.SHIPMENT_BOOK_REQUESTED": "Vyžádána objednávka přepravy",
      "event.SHIPMENT_CANCEL_REQUESTED": "Vyžádáno zrušení zásilky",
      "event.SHIPMENT_CANCELLED": "Zásilka zrušena",
      "event.SHIPMENT_CANCEL_REFUSED": "Dopravce odmítl zrušení",
      "event.LABEL_READY": "Štítek je připraven",
      "event.LABEL_FAILED": "Štítek se nepodařilo získat",
      "event.PICKUP_SCHEDULED": "Vyzvednutí naplánováno",
      "event.PICKUP_FAILED": "Vyzvednutí se nepodařilo naplánovat",
      "event.PARCEL_DELIVERED": "Balík doručen do skladu",
      "event.TRACKING_EXCEPTION": "Problém se sledováním",
      "event.TRACKING_NUMBER_UPDATED": "Sledovací číslo aktualizováno",
      "event.SALEOR_RETURNED": "Saleor: zboží vráceno",
      "event.SALEOR_RESTOCKED": "Saleor: sklad aktualizován",
      "event.SALEOR_REFUND_GRANTED": "Saleor: vrácení peněz schváleno",
      "event.SALEOR_REFUND_REQUESTED": "Saleor: vrácení peněz odesláno platební aplikaci",
      "event.SALEOR_GIFT_CARD_ISSUED": "Saleor: vydána dárková karta",
      "event.SALEOR_SYNC_FAILED": "Saleor se nepodařilo aktualizovat",
      "event.REFUND_NOT_SENT": "Peníze nebyly odeslány: odešlete je z objednávky",
      "event.AUTO_REFUND_SKIPPED": "Automatické vrácení peněz přeskočeno",
    },
  });
})();

// Return detail view: one return, its money, shipment and timeline, and the staff actions its
// state allows. Data comes from our GraphQL API with the Dashboard token (bridge.js); UI text
// from i18n.js, reason labels from the store's catalogue (`returnReasons`). No
// alert/confirm/prompt (the Dashboard's iframe has no allow-modals): dialogs are `<dialog>`s
// in the page (dashboard.css `.dialog`). No innerHTML with data: text goes in via textContent.
(function () {
  "use strict";
  const bridge = window.SaleorReturnsBridge;
  const i18n = window.SaleorReturnsI18n;
  const ui = window.SaleorReturnsUI;
  const t = i18n.t;
  const root = document.getElementById("return");
  const returnId = root.dataset.returnId;

  const ERRORS = "errors { field code message }";
  const MONEY = "{ amount currency }";
  const RETURN_FIELDS = `
    id rma orderId orderNumber status statusChangedAt dueAt isOverdue method resolution
    customerEmail currency
    itemsValue ${MONEY} shippingFee ${MONEY} restockingFee ${MONEY} refundAmount ${MONEY}
    rejectionReason createdAt approvedAt rejectedAt receivedAt resolvedAt closedAt cancelledAt
    lines { id sku productName variantName thumbnailUrl photoUrls quantity unitPrice ${MONEY} reason comment
            receivedQuantity condition restock restockWarehouseId }
    refundQuote {
      itemsValue ${MONEY} shippingFee ${MONEY} restockingFee ${MONEY} refundAmount ${MONEY}
    }
    events { type actor actorEmail createdAt data }
    shipment {
      id attempt carrier mode status trackingNumber trackingUrl trackingStatus dropOffCode
      servicePointId pickupWindow { start end } labelUrl labelFormat deliveredAt
      events { status occurredAt description location }
      needsAttention error errorCode service accountName
    }
    shipments { id attempt status }`;
  const QUERY = `query ReturnDetail($id: ID!) { returnRequest(id: $id) { ${RETURN_FIELDS} } }`;
  const ACCOUNTS = "query CarrierAccounts { carrierAccounts { id name carrier isActive enabledModes } }";
  const WAREHOUSES = "query Warehouses { warehouses { id name } }";
  const REASONS = "query ReturnReasons($languageCode: String) { returnReasons(languageCode: $languageCode) { code label } }";

  function mutation(name, args, params) {
    return `mutation ${name[0].toUpperCase() + name.slice(1)}(${args}) { ${name}(${params}) { ${ERRORS} } }`;
  }
  const MUTATIONS = {
    approve: mutation("returnRequestApprove", "$id: ID!", "id: $id"),
    reject: mutation("returnRequestReject", "$id: ID!, $reason: String!", "id: $id, reason: $reason"),
    cancel: mutation("returnRequestCancel", "$id: ID!", "id: $id"),
    note: mutation("returnRequestNoteAdd", "$id: ID!, $message: String!", "id: $id, message: $message"),
    receive: mutation(
      "returnRequestReceive", "$id: ID!, $lines: [ReturnLineReceivedInput!]!", "id: $id, lines: $lines"
    ),
    inspect: mutation("returnRequestInspect", "$id: ID!", "id: $id"),
    refund: mutation(
      "returnRequestRefund",
      "$id: ID!, $amount: Decimal, $includeShipping: Boolean",
      "id: $id, amount: $amount, includeShipping: $includeShipping"
    ),
    close: mutation("returnRequestClose", "$id: ID!", "id: $id"),
    book: mutation(
      "returnShipmentBook", "$id: ID!, $carrierAccountId: ID", "id: $id, carrierAccountId: $carrierAccountId"
    ),
    cancelShipment: mutation("returnShipmentCancel", "$id: ID!", "id: $id"),
    tracking: mutation(
      "returnShipmentTrackingUpdate", "$id: ID!, $trackingNumber: String!", "id: $id, trackingNumber: $trackingNumber"
    ),
  };

  const AWAITING_DECISION = ["REQUESTED", "NEEDS_REVIEW"];
  const ON_THE_WAY = ["APPROVED", "LABEL_ISSUED", "IN_TRANSIT"];
  const BEFORE_RECEIPT = AWAITING_DECISION.concat(ON_THE_WAY);
  const RESOLVABLE = ["RECEIVED", "INSPECTED"];
  const CLOSABLE = ["REFUNDED", "EXCHANGED", "STORE_CREDIT", "REJECTED"];
  const ACTIVE_SHIPMENT = ["PLANNED", "BOOKING", "PENDING", "BOOKED", "CANCELLING"];
  const CONDITIONS = ["AS_NEW", "OPENED", "DAMAGED", "MISSING"];
  // dashboard.css badge tones (a return's status: SaleorReturnsUI.statusTone)
  const SHIPMENT_TONE = {
    PLANNED: "neutral", BOOKING: "info", PENDING: "info", BOOKED: "success",
    CANCELLING: "warning", CANCELLED: "neutral", FAILED: "critical",
  };
  // Action kinds → dashboard.css buttons (a quiet destructive one is detail.css's).
  const BUTTON_CLASS = {
    primary: "button button--primary",
    secondary: "button button--secondary",
    danger: "button button--critical",
    "danger-secondary": "button button--secondary rd-button--critical-text",
  };

  let current = null;
  let loadError = null;
  let busy = false;
  let openDialogId = null;
  let lastFocus = null;
  let hasToken = false;
  // The store's reason labels by language (`returnReasons`); null until loaded, and kept from
  // before when a later fetch fails.
  const reasonLabels = {};
  let reasonsRequest = 0;
  // Saleor's warehouses for restocking: a promise of {list} or {error}, dropped after a failure.
  let warehousesRequest = null;

  // --- small helpers --------------------------------------------------------------------

  function $(selector, scope) { return (scope || document).querySelector(selector); }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      const value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key === "onclick") node.addEventListener("click", value);
      else node.setAttribute(key, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function locale() { return i18n.language(); }

  function money(value) {
    return value ? ui.formatMoney(value) : "—";
  }

  function moneyOf(amount, currency) { return money({ amount: String(amount), currency: currency }); }

  function dateTime(value) {
    return value ? ui.formatDate(value, true) : "—";
  }

  // A translated label, or the code made readable when the catalogue has none.
  function label(prefix, code) {
    if (!code) return "—";
    const key = prefix + "." + code;
    const text = t(key);
    return text === key ? code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ") : text;
  }

  function eventData(event) {
    if (!event || !event.data) return {};
    if (typeof event.data === "string") {
      try { return JSON.parse(event.data) || {}; } catch (error) { return {}; }
    }
    return event.data;
  }

  function badge(text, tone, id) {
    return el("span", { className: "badge badge--" + tone, id: id, text: text });
  }

  // A reason's label: the store's catalogue in the current language; the built-in translation
  // when the catalogue is not loaded (or lacks the code: inactive reasons are not listed); else
  // the catalogue's label in another language; else the code made readable.
  function reasonLabel(code) {
    if (!code) return "—";
    const own = reasonLabels[locale()];
    if (own && own[code]) return own[code];
    if (t("reason." + code) !== "reason." + code) return t("reason." + code);
    const other = Object.keys(reasonLabels).map(function (lang) { return reasonLabels[lang][code]; }).filter(Boolean)[0];
    return other || label("reason", code);
  }

  function loadReasons() {
    const language = locale();
    const request = ++reasonsRequest;
    return bridge.graphql(REASONS, { languageCode: language })
      .then(function (body) {
        const options = body.data && body.data.returnReasons;
        if (!options) throw new Error("returnReasons failed");
        const labels = {};
        options.forEach(function (option) { labels[option.code] = option.label; });
        reasonLabels[language] = labels;
      })
      .catch(function () { /* the built-in translations stand in */ })
      .then(function () {
        if (request === reasonsRequest && current) renderLines();
      });
  }

  // --- loading --------------------------------------------------------------------------

  function setStatus(text) {
    const status = $("#status");
    status.hidden = !text;
    status.textContent = text || "";
  }

  function load() {
    root.setAttribute("aria-busy", "true");
    return bridge.graphql(QUERY, { id: returnId })
      .then(function (body) {
        const data = body.data && body.data.returnRequest;
        if (!data) {
          const message = ui.errorMessage(body) || t("error.notFound");
          throw new Error(message);
        }
        current = data;
        loadError = null;
      })
      .catch(function (error) {
        loadError = error && error.message && !(error instanceof SyntaxError) && !(error instanceof TypeError)
          ? error.message : t("error.unreachable");
      })
      .then(function () {
        root.setAttribute("aria-busy", "false");
        render();
      });
  }

  // --- rendering ------------------------------------------------------------------------

  function render() {
    i18n.translatePage();
    const pageError = $("#page-error");
    if (loadError) {
      pageError.hidden = false;
      pageError.textContent = loadError;
      setStatus("");
      if (!current) return;
    } else {
      pageError.hidden = true;
    }
    if (!current) { setStatus(t("common.loading")); return; }
    setStatus("");
    $("#content").hidden = false;
    renderHeader();
    renderActions();
    renderDecision();
    renderLines();
    renderMoney();
    renderShipment();
    renderTimeline();
  }

  function renderHeader() {
    const r = current;
    document.title = t("detail.title") + " " + r.rma;
    $("#rma").textContent = r.rma;
    const status = $("#status-badge");
    status.hidden = false;
    status.className = "badge badge--" + ui.statusTone(r.status);
    status.textContent = label("status", r.status);
    status.dataset.status = r.status;
    const overdue = window.SaleorReturnsOverdue.badge(r, true);
    const marker = $("#overdue-marker");
    marker.replaceChildren();
    if (overdue) marker.appendChild(overdue);
    $("#facts").hidden = false;
    $("#order-link").textContent = "#" + r.orderNumber;
    $("#order-link").title = t("detail.openOrder");
    $("#customer-email").textContent = r.customerEmail;
    $("#method").textContent = label("method", r.method);
    $("#resolution").textContent = label("resolution", r.resolution);
    $("#created-at").textContent = dateTime(r.createdAt);
    $("#approved-at").textContent = dateTime(r.approvedAt);
  }

  function latestShipmentFailed() {
    const shipments = current.shipments || [];
    return shipments.length > 0 && shipments[0].status === "FAILED";
  }

  function hasActiveShipment() {
    return Boolean(current.shipment && ACTIVE_SHIPMENT.indexOf(current.shipment.status) >= 0);
  }

  function availableActions() {
    const r = current;
    const s = r.status;
    const shipment = r.shipment;
    const actions = [];
    if (AWAITING_DECISION.indexOf(s) >= 0) {
      actions.push({ name: "approve", kind: "primary" });
      actions.push({ name: "reject", kind: "danger" });
    }
    const canBook = r.method !== "SELF_SHIP" && !hasActiveShipment() &&
      (s === "APPROVED" || (s === "NEEDS_REVIEW" && latestShipmentFailed()));
    if (canBook) actions.push({ name: (r.shipments || []).length ? "rebook" : "book", kind: "secondary" });
    if (hasActiveShipment() && BEFORE_RECEIPT.indexOf(s) >= 0 && shipment.carrier !== "self") {
      actions.push({ name: "cancelShipment", kind: "secondary" });
    }
    const selfShipped = !hasActiveShipment() ||
      (shipment.mode === "SELF_SHIP" && (!shipment.carrier || shipment.carrier === "self"));
    if (ON_THE_WAY.indexOf(s) >= 0 && selfShipped) actions.push({ name: "tracking", kind: "secondary" });
    if (ON_THE_WAY.indexOf(s) >= 0) actions.push({ name: "receive", kind: "primary" });
    if (s === "RECEIVED") actions.push({ name: "inspect", kind: "secondary" });
    if (RESOLVABLE.indexOf(s) >= 0) actions.push({ name: "refund", kind: "primary" });
    if (CLOSABLE.indexOf(s) >= 0) actions.push({ name: "close", kind: "secondary" });
    if (BEFORE_RECEIPT.indexOf(s) >= 0) actions.push({ name: "cancel", kind: "danger-secondary" });
    return actions;
  }

  function actionLabel(name) {
    if (name === "refund") return t("action.refund." + current.resolution);
    return t("action." + name);
  }

  function renderActions() {
    const container = $("#actions");
    clear(container);
    const actions = availableActions();
    actions.forEach(function (action) {
      container.appendChild(el("button", {
        type: "button",
        className: BUTTON_CLASS[action.kind],
        dataset: { action: action.name },
        disabled: busy,
        text: actionLabel(action.name),
        onclick: function () { startAction(action.name); },
      }));
    });
    $("#no-actions").hidden = actions.length > 0;
  }

  function createdDecision() {
    const created = (current.events || []).filter(function (e) { return e.type === "CREATED"; })[0];
    return created ? eventData(created) : null;
  }

  function reviewReasonText(reason) {
    const params = reason.params || {};
    const key = "review." + reason.code;
    const text = t(key, {
      value: params.value !== undefined && params.currency ? moneyOf(params.value, params.currency) : params.value,
      limit: params.limit !== undefined && params.currency ? moneyOf(params.limit, params.currency) : params.limit,
    });
    return text === key ? reason.message || reason.code : text;
  }

  function renderDecision() {
    const card = $("#review-card");
    const decision = createdDecision();
    const outcome = $("#decision-outcome");
    const list = $("#review-reasons");
    clear(list);
    const reasons = (decision && decision.review_reasons) || [];
    const failed = current.status === "NEEDS_REVIEW" && latestShipmentFailed();
    if (!decision && !failed && !current.rejectionReason) { card.hidden = true; return; }
    card.hidden = false;
    card.classList.toggle("rd-card--attention", current.status === "NEEDS_REVIEW");
    outcome.textContent = !decision ? ""
      : t(decision.outcome === "REVIEW" ? "decision.review" : "decision.approved") +
        (decision.policy_version ? " (" + t("decision.version", { version: decision.policy_version }) + ")" : "");
    reasons.forEach(function (reason) {
      list.appendChild(el("li", { dataset: { code: reason.code }, text: reviewReasonText(reason) }));
    });
    if (failed) {
      list.appendChild(el("li", {
        dataset: { code: "BOOKING_FAILED" },
        text: t("decision.bookingFailed", { message: (current.shipment && current.shipment.error) || "—" }),
      }));
    }
    const rejection = $("#rejection-reason");
    rejection.hidden = !current.rejectionReason;
    rejection.textContent = current.rejectionReason
      ? t("decision.rejected", { reason: current.rejectionReason }) : "";
  }

  function receivedText(line) {
    if (line.receivedQuantity === null || line.receivedQuantity === undefined) return "—";
    const parts = [
      t("lines.receivedOf", { received: line.receivedQuantity, quantity: line.quantity }),
      label("condition", line.condition),
    ];
    if (line.restock !== null && line.restock !== undefined) {
      parts.push(line.restock ? t("lines.restocked") : t("lines.notRestocked"));
    }
    return parts.join(" · ");
  }

  function renderLines() {
    const body = $("#lines tbody");
    clear(body);
    current.lines.forEach(function (line) {
      body.appendChild(el("tr", { dataset: { lineId: line.id } }, [
        el("td", {}, [
          el("div", { className: "rd-product" }, [
            line.thumbnailUrl
              ? el("img", { className: "rd-thumb", src: line.thumbnailUrl, alt: "", width: "40", height: "40" })
              : el("span", { className: "rd-thumb rd-thumb--empty", "aria-hidden": "true" }),
            el("div", {}, [
              el("div", { className: "rd-product__name", text: line.productName || "—" }),
              line.variantName ? el("div", { className: "rd-muted", text: line.variantName }) : null,
            ]),
          ]),
        ]),
        el("td", { className: "rd-mono", text: line.sku || "—" }),
        el("td", { className: "table__num", text: String(line.quantity) }),
        el("td", { className: "table__num", text: money(line.unitPrice) }),
        el("td", {}, [
          el("span", { className: "rd-reason", dataset: { code: line.reason || "" }, text: reasonLabel(line.reason) }),
          line.comment ? el("span", { className: "rd-comment", text: "“" + line.comment + "”" }) : null,
          line.photoUrls.length ? el("div", { className: "rd-photos" }, line.photoUrls.map(function (url, index) {
            const alt = t("lines.photo", { number: index + 1 });
            return el("a", { href: url, target: "_blank", rel: "noopener", title: alt }, [
              el("img", { className: "rd-photo", src: url, alt: alt, width: "56", height: "56" }),
            ]);
          })) : null,
        ]),
        el("td", { className: "rd-received", text: receivedText(line) }),
      ]));
    });
  }

  function moneyRow(key, value, options) {
    const opts = options || {};
    return [
      el("dt", { className: opts.total ? "rd-total" : null, text: t(key) }),
      el("dd", {
        id: opts.id || null,
        className: (opts.total ? "rd-total " : "") + "rd-num",
        text: (opts.minus ? "− " : "") + value,
      }),
    ];
  }

  function renderMoney() {
    const dl = $("#money");
    clear(dl);
    const r = current;
    const resolved = ["REFUNDED", "EXCHANGED", "STORE_CREDIT", "CLOSED"].indexOf(r.status) >= 0 && r.resolvedAt;
    const rows = [].concat(
      moneyRow("money.items", money(r.itemsValue), { id: "money-items" }),
      moneyRow("money.shippingFee", money(r.shippingFee), { id: "money-shipping", minus: true }),
      moneyRow("money.restockingFee", money(r.restockingFee), { id: "money-restocking", minus: true }),
      moneyRow(resolved ? "money.refunded" : "money.refund", money(r.refundAmount), { id: "money-refund", total: true })
    );
    rows.forEach(function (node) { dl.appendChild(node); });
  }

  function renderShipment() {
    const box = $("#shipment");
    clear(box);
    const shipment = current.shipment;
    if (!shipment) {
      box.appendChild(el("p", {
        className: "rd-muted",
        text: current.method === "SELF_SHIP" ? t("shipment.selfShip") : t("shipment.none"),
      }));
      return;
    }
    if (shipment.needsAttention || shipment.error) {
      box.appendChild(el("div", { className: "rd-banner rd-banner--warning", role: "alert", id: "shipment-attention" }, [
        el("strong", { text: t("shipment.attention") }),
        shipment.error ? el("span", { text: " " + shipment.error }) : null,
      ]));
    }
    const facts = el("dl", { className: "rd-facts rd-facts--grid" });
    function fact(key, content, id) {
      if (content === null || content === undefined || content === "") return;
      facts.appendChild(el("div", {}, [
        el("dt", { text: t(key) }),
        el("dd", { id: id || null }, [typeof content === "string" ? document.createTextNode(content) : content]),
      ]));
    }
    const carrier = [label("carrier", shipment.carrier), shipment.accountName, shipment.service]
      .filter(Boolean).join(" · ");
    fact("shipment.carrier", shipment.carrier ? carrier : t("shipment.carrierPending"), "shipment-carrier");
    fact("shipment.mode", label("method", shipment.mode));
    fact("shipment.status", badge(label("shipmentStatus", shipment.status), SHIPMENT_TONE[shipment.status] || "neutral", "shipment-status"));
    fact("shipment.attempt", String(shipment.attempt));
    if (shipment.trackingNumber) {
      fact("shipment.trackingNumber", shipment.trackingUrl
        ? el("a", { href: shipment.trackingUrl, target: "_blank", rel: "noopener noreferrer", className: "link rd-mono", text: shipment.trackingNumber })
        : el("span", { className: "rd-mono", text: shipment.trackingNumber }), "shipment-tracking");
    }
    if (shipment.trackingStatus) fact("shipment.trackingStatus", label("trackingStatus", shipment.trackingStatus));
    if (shipment.dropOffCode) fact("shipment.dropOffCode", el("span", { className: "rd-mono rd-code", text: shipment.dropOffCode }), "shipment-drop-off");
    if (shipment.servicePointId) fact("shipment.servicePoint", shipment.servicePointId);
    if (shipment.pickupWindow) {
      fact("shipment.pickupWindow", t("shipment.window", {
        start: dateTime(shipment.pickupWindow.start), end: dateTime(shipment.pickupWindow.end),
      }), "shipment-pickup");
    }
    if (shipment.deliveredAt) fact("shipment.deliveredAt", dateTime(shipment.deliveredAt));
    box.appendChild(facts);
    if (shipment.labelUrl) {
      box.appendChild(el("div", { className: "rd-row" }, [
        el("button", {
          type: "button", className: "button button--secondary", id: "label-download",
          text: t("shipment.downloadLabel"), onclick: downloadLabel,
        }),
        el("span", { className: "rd-muted", text: shipment.labelFormat ? label("labelFormat", shipment.labelFormat) : "" }),
      ]));
      box.appendChild(el("p", { className: "rd-field-error", id: "label-error", hidden: true }));
    }
    const events = shipment.events || [];
    if (events.length) {
      box.appendChild(el("h3", { text: t("shipment.events") }));
      const list = el("ol", { className: "rd-tracking", id: "tracking-events" });
      events.slice().reverse().forEach(function (event) {
        list.appendChild(el("li", {}, [
          el("span", { className: "rd-tracking__status", text: label("trackingStatus", event.status) }),
          el("span", { className: "rd-muted", text: " " + dateTime(event.occurredAt) }),
          event.description || event.location
            ? el("div", { text: [event.description, event.location].filter(Boolean).join(" — ") }) : null,
        ]));
      });
      box.appendChild(list);
    }
  }

  function eventDetail(event) {
    const data = eventData(event);
    if (data.message) return data.message;
    if (data.reason) return data.reason;
    if (event.type === "CREATED" && data.outcome) {
      return data.outcome === "REVIEW" ? t("decision.short.review") : t("decision.short.approved");
    }
    if (data.tracking_number) return t("timeline.tracking", { number: data.tracking_number });
    if (data.amount && current) return moneyOf(data.amount, current.currency);
    if (Array.isArray(data.lines) && event.type === "RECEIVE") {
      return data.lines.map(function (line) {
        const known = current.lines.filter(function (l) { return l.id && String(atobSafe(l.id)).endsWith(":" + line.line_id); })[0];
        const name = known ? (known.sku || known.productName) : "#" + line.line_id;
        return line.quantity + " × " + name + " (" + label("condition", line.condition) +
          (line.restock ? ", " + t("lines.restocked") : "") + ")";
      }).join("; ");
    }
    if (data.carrier) return label("carrier", data.carrier) + (data.account ? " · " + data.account : "");
    if (data.account) return data.account;
    return "";
  }

  function atobSafe(value) {
    try { return window.atob(value); } catch (error) { return ""; }
  }

  function renderTimeline() {
    const list = $("#timeline");
    clear(list);
    (current.events || []).slice().reverse().forEach(function (event) {
      const who = label("actor", event.actor) + (event.actorEmail ? " · " + event.actorEmail : "");
      const detail = eventDetail(event);
      list.appendChild(el("li", { className: "rd-event rd-event--" + event.type.toLowerCase(), dataset: { type: event.type } }, [
        el("div", { className: "rd-event__head" }, [
          el("span", { className: "rd-event__title", text: label("event", event.type) }),
          el("time", { className: "rd-muted", datetime: event.createdAt, text: dateTime(event.createdAt) }),
        ]),
        el("div", { className: "rd-muted rd-event__actor", text: who }),
        detail ? el("div", { className: "rd-event__detail", text: detail }) : null,
      ]));
    });
  }

  // --- errors ---------------------------------------------------------------------------

  // Each error next to its field (`field` paths like `lines.0.quantity`); unknown fields and
  // whole-request errors in the scope's general slot.
  function showErrors(scope, errors) {
    errors.forEach(function (error) {
      const field = error.field || "";
      let slot = field ? scope.querySelector('[data-error-for="' + CSS.escape(field) + '"]') : null;
      if (!slot) slot = scope.querySelector('[data-error-for=""]');
      if (!slot) return;
      slot.hidden = false;
      slot.textContent = slot.textContent ? slot.textContent + " " + error.message : error.message;
      const input = field ? scope.querySelector('[data-field="' + CSS.escape(field) + '"], [name="' + CSS.escape(field) + '"]') : null;
      if (input) input.setAttribute("aria-invalid", "true");
    });
  }

  // --- dialogs --------------------------------------------------------------------------

  // Modal <dialog>s (showModal needs no allow-modals): Escape closes unless a request runs.
  function openDialog(id) {
    const dialog = document.getElementById(id);
    if (openDialogId) closeDialog();
    lastFocus = document.activeElement;
    ui.clearFieldErrors(dialog);
    openDialogId = id;
    dialog.showModal();
    const first = dialog.querySelector("textarea, input:not([type=hidden]):not(:disabled), select:not(:disabled), button[type=submit]");
    if (first) first.focus();
  }

  function closeDialog() {
    if (!openDialogId) return;
    const dialog = document.getElementById(openDialogId);
    if (dialog.open) dialog.close();
  }

  document.querySelectorAll("dialog.dialog").forEach(function (dialog) {
    dialog.addEventListener("cancel", function (event) { if (busy) event.preventDefault(); });
    dialog.addEventListener("close", function () {
      if (openDialogId !== dialog.id) return;
      openDialogId = null;
      if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
    });
    dialog.querySelectorAll("[data-close]").forEach(function (button) {
      button.addEventListener("click", function () { if (!busy) closeDialog(); });
    });
  });

  function setBusy(value) {
    busy = value;
    document.querySelectorAll("#actions button, dialog.dialog button, #note-submit").forEach(function (button) {
      button.disabled = value;
    });
    root.classList.toggle("rd--busy", value);
  }

  // --- running a mutation ---------------------------------------------------------------

  function perform(options) {
    const scope = options.scope;
    ui.clearFieldErrors(scope);
    setBusy(true);
    return bridge.graphql(MUTATIONS[options.mutation], Object.assign({ id: returnId }, options.variables))
      .then(function (body) {
        const payload = body.data && body.data[options.payload];
        let errors = payload ? payload.errors || [] : [];
        if (!payload && body.errors && body.errors.length) {
          errors = body.errors.map(function (error) { return { field: null, message: error.message }; });
        }
        return errors;
      }, function () {
        return [{ field: null, message: t("error.unreachable") }];
      })
      .then(function (errors) {
        setBusy(false);
        if (errors.length) {
          showErrors(scope, errors);
          bridge.notify("error", t("notify.failed", { action: options.title }),
            errors.map(function (error) { return error.message; }).join(" "));
          return false;
        }
        bridge.notify("success", t("notify.done", { action: options.title }), options.successText || "");
        if (options.refreshEntity) bridge.refreshEntity();
        if (options.onSuccess) options.onSuccess();
        closeDialog();
        return load().then(function () { return true; });
      });
  }

  function startAction(name) {
    if (busy) return;
    const actionsCard = $("#actions-card");
    if (name === "approve") {
      perform({ mutation: "approve", payload: "returnRequestApprove", scope: actionsCard, title: t("action.approve") });
    } else if (name === "inspect") {
      perform({ mutation: "inspect", payload: "returnRequestInspect", scope: actionsCard, title: t("action.inspect"), refreshEntity: true });
    } else if (name === "close") {
      perform({ mutation: "close", payload: "returnRequestClose", scope: actionsCard, title: t("action.close") });
    } else if (name === "reject") {
      $("#reject-reason").value = "";
      openDialog("reject-dialog");
    } else if (name === "cancel" || name === "cancelShipment") {
      openConfirm(name);
    } else if (name === "book" || name === "rebook") {
      openBook(name);
    } else if (name === "tracking") {
      $("#tracking-number").value = (current.shipment && current.shipment.trackingNumber) || "";
      openDialog("tracking-dialog");
    } else if (name === "receive") {
      openReceive();
    } else if (name === "refund") {
      openRefund();
    }
  }

  // Reject
  $("#reject-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    perform({
      mutation: "reject", payload: "returnRequestReject", scope: $("#reject-dialog"),
      title: t("action.reject"), variables: { reason: $("#reject-reason").value },
    });
  });

  // Cancel the return / the shipment (confirmation in the page)
  let confirming = null;
  function openConfirm(name) {
    confirming = name;
    $("#confirm-title").textContent = t("confirm." + name + ".title");
    $("#confirm-text").textContent = t("confirm." + name + ".text");
    $("#confirm-submit").textContent = t("action." + name);
    openDialog("confirm-dialog");
  }
  $("#confirm-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy || !confirming) return;
    const shipment = confirming === "cancelShipment";
    perform({
      mutation: shipment ? "cancelShipment" : "cancel",
      payload: shipment ? "returnShipmentCancel" : "returnRequestCancel",
      scope: $("#confirm-dialog"),
      title: t("action." + confirming),
    });
  });

  // Book / rebook, optionally with a chosen carrier account
  function openBook(name) {
    const select = $("#book-account");
    clear(select);
    select.appendChild(el("option", { value: "", text: t("book.rules") }));
    $("#book-title").textContent = t("action." + name);
    openDialog("book-dialog");
    bridge.graphql(ACCOUNTS, {}).then(function (body) {
      ((body.data && body.data.carrierAccounts) || []).forEach(function (account) {
        if (!account.isActive) return;
        select.appendChild(el("option", {
          value: account.id, text: account.name + " (" + label("carrier", account.carrier) + ")",
        }));
      });
    }, function () { /* the rules still work without the list */ });
  }
  $("#book-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    const account = $("#book-account").value;
    perform({
      mutation: "book", payload: "returnShipmentBook", scope: $("#book-dialog"),
      title: t("action.book"), variables: { carrierAccountId: account || null },
    });
  });

  // Self-ship tracking number
  $("#tracking-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    perform({
      mutation: "tracking", payload: "returnShipmentTrackingUpdate", scope: $("#tracking-dialog"),
      title: t("action.tracking"), variables: { trackingNumber: $("#tracking-number").value },
    });
  });

  // Receive: the warehouse to restock into is one of Saleor's (`warehouses`); when Saleor
  // cannot list them, a warehouse ID typed in (with the IDs earlier receipts used on offer).
  function knownWarehouses() {
    const ids = [];
    function add(id) { if (id && ids.indexOf(id) < 0) ids.push(id); }
    current.lines.forEach(function (line) { add(line.restockWarehouseId); });
    (current.events || []).forEach(function (event) {
      const data = eventData(event);
      (data.lines || []).forEach(function (line) { add(line.warehouse_id); });
      add(data.warehouse_id);
    });
    return ids;
  }

  function loadWarehouses() {
    if (warehousesRequest) return warehousesRequest;
    warehousesRequest = bridge.graphql(WAREHOUSES, {}).then(function (body) {
      const list = body.data && body.data.warehouses;
      if (list) return { list: list };
      return { error: ui.errorMessage(body) || t("error.unreachable") };
    }, function () {
      return { error: t("error.unreachable") };
    }).then(function (result) {
      if (result.error) warehousesRequest = null; // try again next time
      return result;
    });
    return warehousesRequest;
  }

  function warehouseControl(line, path, warehouses) {
    const common = { "data-field": path + ".warehouseId", "aria-label": t("receive.warehouse"), disabled: true };
    if (warehouses.list) {
      const chosen = line.restockWarehouseId || (warehouses.list.length === 1 ? warehouses.list[0].id : "");
      const options = [el("option", { value: "", text: t("receive.chooseWarehouse") })].concat(
        warehouses.list.map(function (w) { return el("option", { value: w.id, text: w.name }); })
      );
      if (chosen && !warehouses.list.some(function (w) { return w.id === chosen; })) {
        options.push(el("option", { value: chosen, text: chosen })); // no longer listed by Saleor
      }
      const select = el("select", common, options);
      select.value = chosen;
      return select;
    }
    return el("input", Object.assign(common, {
      type: "text", list: "known-warehouses", placeholder: t("receive.warehousePlaceholder"),
      value: line.restockWarehouseId || knownWarehouses()[0] || "", autocomplete: "off",
    }));
  }

  let receiveOpening = false;
  function openReceive() {
    if (receiveOpening) return;
    receiveOpening = true;
    loadWarehouses().then(function (warehouses) {
      receiveOpening = false;
      if (!current) return;
      buildReceive(warehouses);
      openDialog("receive-dialog");
    });
  }

  function buildReceive(warehouses) {
    const body = $("#receive-lines tbody");
    clear(body);
    const list = $("#known-warehouses");
    clear(list);
    const failure = $("#warehouses-error");
    failure.hidden = !warehouses.error;
    failure.textContent = warehouses.error ? t("receive.warehousesFailed", { message: warehouses.error }) : "";
    if (warehouses.error) knownWarehouses().forEach(function (id) { list.appendChild(el("option", { value: id })); });
    current.lines.forEach(function (line, index) {
      const path = "lines." + index;
      const condition = el("select", { "data-field": path + ".condition", "aria-label": t("receive.condition") },
        CONDITIONS.map(function (code) { return el("option", { value: code, text: label("condition", code) }); }));
      const restock = el("input", { type: "checkbox", "data-field": path + ".restock", "aria-label": t("receive.restock") });
      const warehouse = warehouseControl(line, path, warehouses);
      restock.addEventListener("change", function () { warehouse.disabled = !restock.checked; });
      condition.addEventListener("change", function () {
        if (condition.value === "DAMAGED" || condition.value === "MISSING") {
          restock.checked = false;
          warehouse.disabled = true;
        }
      });
      body.appendChild(el("tr", { dataset: { lineId: line.id, index: String(index) } }, [
        el("td", {}, [
          el("div", { text: line.productName || "—" }),
          el("div", { className: "rd-muted rd-mono", text: line.sku || "" }),
          el("p", { className: "rd-field-error", "data-error-for": path + ".lineId", hidden: true }),
        ]),
        el("td", {}, [
          el("input", {
            type: "number", min: "0", max: String(line.quantity), step: "1", className: "rd-qty",
            value: String(line.quantity), "data-field": path + ".quantity",
            "aria-label": t("receive.quantity"),
          }),
          el("span", { className: "rd-muted", text: " / " + line.quantity }),
          el("p", { className: "rd-field-error", "data-error-for": path + ".quantity", hidden: true }),
        ]),
        el("td", {}, [condition, el("p", { className: "rd-field-error", "data-error-for": path + ".condition", hidden: true })]),
        el("td", {}, [restock, el("p", { className: "rd-field-error", "data-error-for": path + ".restock", hidden: true })]),
        el("td", {}, [warehouse, el("p", { className: "rd-field-error", "data-error-for": path + ".warehouseId", hidden: true })]),
      ]));
    });
  }

  $("#receive-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    const dialog = $("#receive-dialog");
    const lines = current.lines.map(function (line, index) {
      const path = "lines." + index;
      const field = function (name) { return dialog.querySelector('[data-field="' + path + "." + name + '"]'); };
      const quantity = parseInt(field("quantity").value, 10);
      const restock = field("restock").checked;
      return {
        lineId: line.id,
        quantity: Number.isNaN(quantity) ? 0 : quantity,
        condition: field("condition").value,
        restock: restock,
        warehouseId: restock ? field("warehouseId").value.trim() || null : null,
      };
    });
    perform({
      mutation: "receive", payload: "returnRequestReceive", scope: dialog,
      title: t("action.receive"), variables: { lines: lines }, refreshEntity: true,
    });
  });

  // Refund: the default is the API's quote (what arrived, less the fees); staff may choose a
  // smaller amount.
  function openRefund() {
    const r = current;
    const quote = r.refundQuote || {};
    const dl = $("#refund-quote");
    clear(dl);
    [].concat(
      moneyRow("money.items", money(quote.itemsValue), { id: "refund-items" }),
      moneyRow("money.shippingFee", money(quote.shippingFee), { id: "refund-shipping-fee", minus: true }),
      moneyRow("money.restockingFee", money(quote.restockingFee), { id: "refund-restocking", minus: true }),
      moneyRow("refund.default", money(quote.refundAmount), { id: "refund-default", total: true })
    ).forEach(function (node) { dl.appendChild(node); });
    const title = t("action.refund." + r.resolution);
    $("#refund-title").textContent = title;
    $("#refund-submit").textContent = title;
    const exchange = r.resolution === "EXCHANGE";
    $("#refund-amount").value = "";
    $("#refund-amount").disabled = exchange;
    $("#refund-shipping").checked = false;
    $("#refund-shipping").disabled = exchange;
    openDialog("refund-dialog");
  }

  $("#refund-dialog form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    const dialog = $("#refund-dialog");
    const raw = $("#refund-amount").value.trim().replace(",", ".");
    if (raw && !/^\d+(\.\d+)?$/.test(raw)) {
      ui.clearFieldErrors(dialog);
      showErrors(dialog, [{ field: "amount", message: t("refund.invalidAmount") }]);
      return;
    }
    const title = t("action.refund." + current.resolution);
    perform({
      mutation: "refund", payload: "returnRequestRefund", scope: dialog, title: title,
      variables: { amount: raw || null, includeShipping: $("#refund-shipping").checked },
      refreshEntity: true,
    });
  });

  // Notes
  $("#note-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) return;
    perform({
      mutation: "note", payload: "returnRequestNoteAdd", scope: $("#note-form"),
      title: t("action.note"), variables: { message: $("#note-message").value },
      onSuccess: function () { $("#note-message").value = ""; },
    });
  });

  // The order, in the Dashboard
  $("#order-link").addEventListener("click", function () {
    if (current) bridge.redirect("/orders/" + current.orderId);
  });

  // Label: fetched with the Dashboard token, then saved from a blob URL.
  function downloadLabel() {
    const shipment = current && current.shipment;
    if (!shipment) return;
    const error = $("#label-error");
    error.hidden = true;
    bridge.fetch("/api/shipments/" + encodeURIComponent(shipment.id) + "/label")
      .then(function (response) {
        if (!response.ok) {
          return response.json().then(function (body) {
            throw new Error((body && body.error && body.error.message) || t("shipment.labelFailed"));
          }, function () { throw new Error(t("shipment.labelFailed")); });
        }
        return response.blob();
      })
      .then(function (blob) {
        const url = URL.createObjectURL(blob);
        const extension = { PDF_A6: "pdf", PDF_A4: "pdf", ZPL: "zpl" }[shipment.labelFormat] || "pdf";
        const link = el("a", { href: url, download: current.rma + "-label." + extension, className: "rd-hidden-link" });
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      })
      .catch(function (failure) {
        const message = failure && failure.message && !(failure instanceof TypeError)
          ? failure.message : t("error.unreachable");
        error.hidden = false;
        error.textContent = message;
        bridge.notify("error", t("shipment.labelFailed"), message);
      });
  }

  // --- start ----------------------------------------------------------------------------

  i18n.onChange(function () {
    if (current || loadError) render(); else i18n.translatePage();
    if (hasToken) loadReasons();
  });
  bridge.onLocale(function (code) { i18n.setLocale(code); });
  bridge.onToken(function () {
    hasToken = true;
    load();
    loadReasons();
  });
})();
