"""Emails to shoppers and staff at each step of a return, sent once by workers.

Which event emails whom (`planning`): the shopper on the request (CREATED), the approval
(sent when the carrier's label or drop-off code is there, at once for self-ship, at the
latest after `NOTIFICATION_LABEL_WAIT`), the rejection with its reason, a booked pickup, the
parcel's receipt and the refund, exchange or store credit; the store's staff address when a
return needs review. Each is one `Notification` row per (timeline event, recipient), stored in
the event's transaction when the store's switch is on, then sent by `services.deliver`.

Stores may word any email themselves, per language and optionally per market, with a
`NotificationTemplate` row (kind, language, market or none, subject, text, html): the
market's beats the store's, which beats the built-in templates under
`templates/notifications/<kind>/`. Overrides are Django templates without `load`, `include`,
`extends`, `debug` or `url`, and see only the variables listed in `rendering`; one that does
not render falls back to the built-in. There is no Dashboard screen for them yet.
"""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "saleor_returns_app.notifications"
    label = "notifications"
