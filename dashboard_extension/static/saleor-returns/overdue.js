// The "Overdue" marker of a return that stayed in its status past the store's limit (the SLA
// of Settings → Store), shared by the inbox rows and the return detail. The API says whether a
// return is overdue (`isOverdue`) and when it became so (`dueAt`); the marker tells how long the
// return has been in its status and what the limit is. The status names are the views' own
// `status.*` keys, which every view registers.
(function () {
  "use strict";
  const i18n = window.SaleorReturnsI18n;
  const t = i18n.t;
  const tp = i18n.tp;

  i18n.register({
    en: {
      "overdue.label": "Overdue",
      "overdue.text": "Overdue · {elapsed} in {status} (limit {limit})",
      "overdue.days.one": "{count} day", "overdue.days.other": "{count} days",
      "overdue.hours.one": "{count} hour", "overdue.hours.other": "{count} hours",
    },
    ro: {
      "overdue.label": "Întârziat",
      "overdue.text": "Întârziat · {elapsed} în starea {status} (limită {limit})",
      "overdue.days.one": "{count} zi", "overdue.days.few": "{count} zile",
      "overdue.days.other": "{count} de zile",
      "overdue.hours.one": "{count} oră", "overdue.hours.few": "{count} ore",
      "overdue.hours.other": "{count} de ore",
    },
    pl: {
      "overdue.label": "Po terminie",
      "overdue.text": "Po terminie · {elapsed} w statusie {status} (limit {limit})",
      "overdue.days.one": "{count} dzień", "overdue.days.few": "{count} dni",
      "overdue.days.many": "{count} dni", "overdue.days.other": "{count} dnia",
      "overdue.hours.one": "{count} godzina", "overdue.hours.few": "{count} godziny",
      "overdue.hours.many": "{count} godzin", "overdue.hours.other": "{count} godziny",
    },
    cs: {
      "overdue.label": "Po termínu",
      "overdue.text": "Po termínu · {elapsed} ve stavu {status} (limit {limit})",
      "overdue.days.one": "{count} den", "overdue.days.few": "{count} dny",
      "overdue.days.many": "{count} dne", "overdue.days.other": "{count} dní",
      "overdue.hours.one": "{count} hodina", "overdue.hours.few": "{count} hodiny",
      "overdue.hours.many": "{count} hodiny", "overdue.hours.other": "{count} hodin",
    },
  });

  const HOUR = 3600 * 1000;

  function hours(count) { return tp("overdue.hours", count); }
  function days(count) { return tp("overdue.days", count); }

  // A limit reads in days when it is whole days (48 h → "2 days"), else in hours.
  function limitText(limitHours) {
    return limitHours % 24 === 0 ? days(limitHours / 24) : hours(limitHours);
  }

  // Time in the status reads in days only once whole days tell it apart from the limit:
  // 50 hours against a 2-day limit says "50 hours", not "2 days (limit 2 days)".
  function elapsedText(elapsedHours, limitHours) {
    const wholeDays = Math.floor(elapsedHours / 24);
    return wholeDays > limitHours / 24 ? days(wholeDays) : hours(elapsedHours);
  }

  // The marker's full sentence, or null when the return is not overdue.
  function text(node, now) {
    if (!node.isOverdue || !node.dueAt) return null;
    const entered = new Date(node.statusChangedAt).getTime();
    const limitHours = Math.round((new Date(node.dueAt).getTime() - entered) / HOUR);
    const elapsedHours = Math.max(Math.floor(((now || Date.now()) - entered) / HOUR), limitHours);
    return t("overdue.text", {
      elapsed: elapsedText(elapsedHours, limitHours),
      status: t("status." + node.status),
      limit: limitText(limitHours),
    });
  }

  // The marker as an element, or null. `long` shows the whole sentence (the detail view);
  // otherwise the badge says "Overdue" and the sentence is its tooltip and screen-reader text.
  function badge(node, long) {
    const sentence = text(node);
    if (sentence === null) return null;
    const element = document.createElement("span");
    element.className = "badge badge--critical badge--overdue";
    element.dataset.overdue = "";
    if (long) {
      element.textContent = sentence;
      return element;
    }
    element.title = sentence;
    const visible = document.createElement("span");
    visible.setAttribute("aria-hidden", "true");
    visible.textContent = t("overdue.label");
    const spoken = document.createElement("span");
    spoken.className = "visually-hidden";
    spoken.textContent = sentence;
    element.append(visible, spoken);
    return element;
  }

  window.SaleorReturnsOverdue = { badge: badge, text: text };
})();
