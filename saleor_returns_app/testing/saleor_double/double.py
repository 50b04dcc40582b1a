"""``SaleorDouble``: a real HTTP server on 127.0.0.1 that plays a Saleor 3.24 instance."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import requests

# Imported for their side effect: they register the Query/Mutation resolvers.
from . import mutations as _mutations  # noqa: F401
from . import mutations_payments as _mutations_payments  # noqa: F401
from . import mutations_returns as _mutations_returns  # noqa: F401
from . import resolvers as _resolvers  # noqa: F401
from . import resolvers_catalogue as _resolvers_catalogue  # noqa: F401
from .endpoint import GraphQLEndpoint, RecordedRequest
from .execution import RequestContext
from .ids import to_global_id
from .install import InstalledApp, InstanceInfo
from .install import install_app as run_install
from .keys import SigningKey
from .records import Record, now_iso
from .registry import RESOLVERS, Resolver
from .schema import load_schema
from .server import API_PATH, DoubleHTTPServer
from .store import Store
from .tokens import (
    ACCESS_TYPE,
    DEFAULT_TTL_SECONDS,
    THIRDPARTY_TYPE,
    thirdparty_extra_claims,
    user_claims,
)
from .webhooks import (
    ANY_EVENTS,
    APP_LIFECYCLE_EVENTS,
    Delivery,
    event_root,
    event_typename,
    make_delivery,
    recipient_requester,
    send,
    subscribed_webhooks,
)

AppRef = InstalledApp | Mapping[str, Any] | str


@dataclass
class PendingEvent:
    """A webhook event a mutation fired; Saleor sends these asynchronously."""

    event_type: str
    context: dict[str, Any]


class UnsupportedByDouble(Exception):
    """A Saleor behaviour the double does not reproduce (e.g. legacy webhook payloads)."""


class SaleorDouble:
    """A fake Saleor: GraphQL API, JWKS, tokens, app installs and signed webhooks.

    Use as a context manager (or ``start()``/``stop()``); arrange data through
    ``double.store`` and assert on ``requests``, ``rejected_documents``,
    ``deliveries_log`` (responses) and ``sent_deliveries``.
    """

    def __init__(
        self,
        schema_path: str | os.PathLike[str] | None = None,
        *,
        saleor_version: str = "3.24.0",
        schema_version: str = "3.24",
    ) -> None:
        self.schema = load_schema(schema_path)
        self.store = Store()
        self.saleor_version = saleor_version
        self.schema_version = schema_version
        # Per-instance copy: a test may add or replace resolvers without leaking.
        self.resolvers: dict[str, Resolver] = dict(RESOLVERS)
        # The app's answers to every delivery sent, and the deliveries, index for index.
        self.deliveries_log: list[requests.Response] = []
        self.sent_deliveries: list[Delivery] = []
        self.pending_events: list[PendingEvent] = []
        self._key = SigningKey()
        # Set to False to make /.well-known/jwks.json answer 404 (keys unavailable).
        self.serve_jwks = True
        self._events_lock = threading.Lock()
        self._endpoint = GraphQLEndpoint(
            self.schema,
            self.store,
            signing_key=lambda: self._key,
            resolvers=self.resolvers,
            emit=self._queue_event,
        )
        self._server: DoubleHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> SaleorDouble:
        """Listen on an ephemeral 127.0.0.1 port in a daemon thread."""
        if self._server is None:
            self._server = DoubleHTTPServer(self._endpoint, self._served_jwks)
            self._thread = threading.Thread(
                target=self._server.serve_forever, name="saleor-double", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._server = None
            self._thread = None

    def __enter__(self) -> SaleorDouble:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def reset(self) -> None:
        """Empty the store, logs, queued events, failures and resolver overrides.

        The signing key and the port stay.

        Lets one started double (schema built once) serve many tests independently.
        """
        self.store.clear()
        self.serve_jwks = True
        self.resolvers.clear()
        self.resolvers.update(RESOLVERS)
        self.deliveries_log.clear()
        self.sent_deliveries.clear()
        with self._events_lock:
            self.pending_events.clear()
        self._endpoint.reset()

    @property
    def domain(self) -> str:
        """``127.0.0.1:<port>``, what Saleor sends as ``Saleor-Domain``."""
        if self._server is None:
            raise RuntimeError("Start the SaleorDouble first")
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.domain}"

    @property
    def api_url(self) -> str:
        """``http://127.0.0.1:<port>/graphql/``: ``Saleor-Api-Url`` and the JWT issuer."""
        return self.base_url + API_PATH

    @property
    def jwks_url(self) -> str:
        return self.base_url + "/.well-known/jwks.json"

    # -- request logs and fault injection ----------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Accepted GraphQL requests, oldest first."""
        return self._endpoint.requests

    @property
    def rejected_documents(self) -> list[str]:
        """Documents answered with HTTP 400 (syntax or schema validation errors)."""
        return self._endpoint.rejected_documents

    def fail_next(self, count: int = 1, status: int = 502) -> None:
        """Answer the next ``count`` GraphQL requests with HTTP ``status``."""
        self._endpoint.fail_next(count, status)

    def post_graphql(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        token: str | None = None,
        operation_name: str | None = None,
    ) -> requests.Response:
        """Send a GraphQL request to the double over HTTP (for tests of the double)."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        body = {"query": query, "variables": dict(variables or {})}
        if operation_name:
            body["operationName"] = operation_name
        with requests.Session() as session:
            session.trust_env = False
            return session.post(self.api_url, json=body, headers=headers, timeout=(2, 18))

    # -- keys and tokens ---------------------------------------------------------------

    @property
    def kid(self) -> str:
        """Key id of the current signing key (RFC 7638 thumbprint)."""
        return self._key.kid

    def jwks(self) -> dict[str, Any]:
        """What ``/.well-known/jwks.json`` serves now."""
        return self._key.jwks()

    def _served_jwks(self) -> dict[str, Any] | None:
        return self.jwks() if self.serve_jwks else None

    def rotate_key(self) -> str:
        """Replace the signing key; the old one is no longer served or accepted."""
        self._key = SigningKey()
        return self._key.kid

    def sign(self, body: bytes) -> str:
        """``Saleor-Signature`` for ``body`` with the current key."""
        return self._key.sign_detached(body)

    def _app_record(self, app: AppRef) -> Record:
        if isinstance(app, InstalledApp):
            return app.app
        app_id = app if isinstance(app, str) else app["id"]
        with self.store.lock:
            record = self.store.apps.get(app_id)
        if record is None:
            raise KeyError(f"No app {app_id} on this Saleor")
        return record

    def mint_dashboard_token(
        self,
        app: AppRef,
        *,
        email: str = "staff@example.com",
        user_id: str | None = None,
        user_permissions: Iterable[str] = ("MANAGE_ORDERS",),
        is_staff: bool = True,
        expires_in: int = DEFAULT_TTL_SECONDS,
        issuer: str | None = None,
        token_type: str = THIRDPARTY_TYPE,
        extra_claims: Mapping[str, Any] | None = None,
        app_extension_id: str | int | None = None,
    ) -> str:
        """The token the Dashboard hands ``app`` (App Bridge), for staff user ``email``.

        Creates the staff user if needed. ``app_extension_id`` (global id or pk) makes it
        an app-extension token. Override claims via ``issuer``, ``token_type`` or
        ``extra_claims`` to build invalid tokens for negative tests.
        """
        app_record = self._app_record(app)
        user_permissions = tuple(user_permissions)
        user = self.store.ensure_user(email, is_staff=is_staff, permissions=user_permissions)
        if isinstance(app_extension_id, int):
            app_extension_id = to_global_id("AppExtension", app_extension_id)
        extra = thirdparty_extra_claims(
            app_id=app_record["id"],
            app_permissions=app_record["_permissions"],
            user_permissions=user_permissions,
            audience=app_record.get("_audience"),
            app_extension_id=app_extension_id,
        )
        extra.update(extra_claims or {})
        claims = user_claims(
            issuer=issuer or self.api_url,
            user_id=user_id or user["id"],
            email=email,
            is_staff=is_staff,
            token_key=user["_jwt_token_key"],
            token_type=token_type,
            expires_in=expires_in,
            extra=extra,
        )
        return self._key.encode_jwt(claims)

    def mint_shopper_token(
        self,
        *,
        email: str,
        user_id: str | None = None,
        expires_in: int = DEFAULT_TTL_SECONDS,
        extra_claims: Mapping[str, Any] | None = None,
        audience: str | None = None,
    ) -> str:
        """The access token ``tokenCreate`` returns to customer ``email`` (created if needed)."""
        user = self.store.ensure_user(email)
        extra: dict[str, Any] = {"aud": f"custom:{audience}"} if audience else {}
        extra.update(extra_claims or {})
        claims = user_claims(
            issuer=self.api_url,
            user_id=user_id or user["id"],
            email=user["email"],
            is_staff=bool(user["isStaff"]),
            token_key=user["_jwt_token_key"],
            token_type=ACCESS_TYPE,
            expires_in=expires_in,
            extra=extra,
        )
        return self._key.encode_jwt(claims)

    # -- apps --------------------------------------------------------------------------

    def _instance(self, schema_version: str | None = None) -> InstanceInfo:
        return InstanceInfo(
            api_url=self.api_url,
            domain=self.domain,
            schema_version=schema_version or self.schema_version,
            saleor_version=self.saleor_version,
        )

    def install_app(
        self,
        manifest_url: str,
        *,
        permissions: Iterable[str] | None = None,
        schema_version: str | None = None,
    ) -> InstalledApp:
        """Install from ``manifest_url`` like Saleor's install task (raises ``InstallError``).

        ``permissions`` are those the installer grants (default: all the manifest asks).
        """
        return run_install(
            self.store,
            self.schema,
            manifest_url,
            self._instance(schema_version),
            permissions=permissions,
        )

    def create_app(
        self, name: str, permissions: Iterable[str] = (), *, identifier: str | None = None
    ) -> InstalledApp:
        """A local app with a token and no install (e.g. "another app on this Saleor")."""
        app = self.store.add_app(name, permissions=permissions, identifier=identifier)
        token = self.store.add_app_token(app)
        return InstalledApp(id=app["id"], token=token, manifest={}, webhooks=[], app=app)

    def uninstall_app(self, app: AppRef) -> list[requests.Response]:
        """Delete the app: render APP_DELETED for its own webhooks, remove it, deliver."""
        record = self._app_record(app)
        deliveries = self.build_deliveries("APP_DELETED", app=record)
        # The token stops working before the app hears about its deletion, as in Saleor.
        self.store.remove_app(record)
        return [self.deliver(delivery) for delivery in deliveries]

    # -- webhooks ----------------------------------------------------------------------

    def build_deliveries(self, event_type: str, **context: Any) -> list[Delivery]:
        """Signed deliveries of ``event_type`` for every subscribed webhook.

        ``context`` fills the event's fields (``order=...``, ``fulfillment=...``,
        ``app=...``, ``notify_customer=True``; snake_case becomes camelCase);
        ``issuing_principal`` sets who caused the event.
        """
        event_type = event_type.upper()
        principal, subject = self._event_subject(context)
        subject_app = subject.get("app") if event_type in APP_LIFECYCLE_EVENTS else None
        issued_at = now_iso()
        with self.store.lock:
            webhooks = subscribed_webhooks(
                list(self.store.webhooks.values()), event_type, subject_app=subject_app
            )
            rendered = [
                self._render(webhook, event_type, subject, principal, issued_at)
                for webhook in webhooks
            ]
        return [delivery for delivery in rendered if delivery is not None]

    def build_delivery(self, app: AppRef, event_type: str, **context: Any) -> Delivery:
        """The delivery ``app``'s webhook for ``event_type`` would get, whatever the state.

        Works for an app that was since uninstalled (pass its ``InstalledApp``) or that
        lacks the event's permission: for replaying "what Saleor would have sent".
        """
        event_type = event_type.upper()
        record = self._app_record(app) if not isinstance(app, InstalledApp) else app.app
        principal, subject = self._event_subject(context)
        with self.store.lock:
            webhooks = self.store.webhooks_of(record)
            if not webhooks and isinstance(app, InstalledApp):
                webhooks = list(app.webhooks)
            matching = [
                hook
                for hook in webhooks
                if event_type in hook["_events"] or ANY_EVENTS in hook["_events"]
            ]
            if not matching:
                raise LookupError(f"App {record['name']!r} has no webhook for {event_type}")
            delivery = self._render(matching[0], event_type, subject, principal, now_iso())
        if delivery is None:
            raise LookupError(f"The subscription of {record['name']!r} rendered no payload")
        return delivery

    @staticmethod
    def _event_subject(context: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
        principal = context.get("issuing_principal")
        subject = {
            name: value.app if isinstance(value, InstalledApp) else value
            for name, value in context.items()
            if name != "issuing_principal"
        }
        return principal, subject

    def _render(
        self,
        webhook: Record,
        event_type: str,
        subject: Mapping[str, Any],
        principal: Any,
        issued_at: str,
    ) -> Delivery | None:
        if not webhook["subscriptionQuery"]:
            raise UnsupportedByDouble(
                f"Webhook {webhook['name']!r} has no subscription query; the double only "
                "renders subscription payloads."
            )
        recipient = webhook["app"]
        context = RequestContext(
            schema=self.schema,
            store=self.store,
            requester=recipient_requester(recipient),
            resolvers=self.resolvers,
            emit=self._queue_event,
        )
        root = event_root(
            event_typename(self.schema, event_type),
            recipient=recipient,
            issued_at=issued_at,
            version=self.saleor_version,
            issuing_principal=principal,
            subject=subject,
        )
        return make_delivery(
            context,
            webhook,
            event_type,
            root,
            sign=self.sign,
            domain=self.domain,
            api_url=self.api_url,
        )

    def deliver(self, delivery: Delivery) -> requests.Response:
        """POST one delivery (no redirects, 2 s/18 s); logs it and the app's answer."""
        response = send(delivery, user_agent=f"Saleor/{self.schema_version}")
        self.sent_deliveries.append(delivery)
        self.deliveries_log.append(response)
        return response

    def trigger(self, event_type: str, **context: Any) -> list[requests.Response]:
        """Build and send ``event_type`` to every subscriber; the answers, in order."""
        return [self.deliver(delivery) for delivery in self.build_deliveries(event_type, **context)]

    def _queue_event(self, event_type: str, **context: Any) -> None:
        with self._events_lock:
            self.pending_events.append(PendingEvent(event_type, context))

    def flush_events(self) -> list[requests.Response]:
        """Send the events mutations fired since the last flush (Saleor's async queue)."""
        with self._events_lock:
            events = list(self.pending_events)
            self.pending_events.clear()
        responses: list[requests.Response] = []
        for event in events:
            responses.extend(self.trigger(event.event_type, **event.context))
        return responses

    # -- scenario helpers that fire Saleor's events -------------------------------------

    def fulfill(
        self,
        order: Record,
        lines: Sequence[tuple[Record, int]] | None = None,
        tracking_number: str = "",
        warehouse: Record | None = None,
        *,
        deliver: bool = True,
    ) -> Record:
        """Fulfil like ``orderFulfill`` and send the webhooks Saleor sends, in its order.

        FULFILLMENT_CREATED; then, when the order is now FULFILLED, FULFILLMENT_APPROVED,
        ORDER_UPDATED and ORDER_FULFILLED; otherwise ORDER_UPDATED only.
        ``deliver=False`` only changes the data (build deliveries yourself).
        """
        fulfillment = self.store.fulfill(order, lines, tracking_number, warehouse)
        if not deliver:
            return fulfillment
        self.trigger(
            "FULFILLMENT_CREATED", fulfillment=fulfillment, order=order, notify_customer=True
        )
        if order["status"] == "FULFILLED":
            self.trigger(
                "FULFILLMENT_APPROVED", fulfillment=fulfillment, order=order, notify_customer=True
            )
            self.trigger("ORDER_UPDATED", order=order)
            self.trigger("ORDER_FULFILLED", order=order)
        else:
            self.trigger("ORDER_UPDATED", order=order)
        return fulfillment
