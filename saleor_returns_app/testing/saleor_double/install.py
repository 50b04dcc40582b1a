"""Install an app from its manifest URL, following Saleor's ``install_app`` task.

GET the manifest (``Saleor-Schema-Version`` header, no redirects, 2 s/18 s timeouts,
2 retries on connection errors), validate it, create the app with its extensions and
webhooks and a fresh token, then POST ``{"auth_token": ...}`` to ``tokenTargetUrl``
with ``send_app_token``'s headers. Any failure removes the app and raises
``InstallError`` with the message Saleor would show the installer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import requests

from graphql import GraphQLSchema

from .manifest import CleanManifest, ManifestError, clean_manifest
from .records import Record
from .store import Store

# Saleor's COMMON_REQUESTS_TIMEOUT.
REQUEST_TIMEOUT = (2, 18)
MANIFEST_FETCH_RETRIES = 2
CANNOT_CONNECT = "Failed to connect to app. Try later or contact with app support."


class InstallError(Exception):
    """The install failed; ``status``/``body`` describe the app's HTTP answer, if any.

    ``body`` is the decoded JSON when the app answered JSON, else the text.
    """

    def __init__(self, message: str, status: int | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body


@dataclass
class InstalledApp:
    """Result of a successful install."""

    id: str
    token: str | None
    manifest: dict[str, Any]
    webhooks: list[Record]
    app: Record
    extensions: list[Record] = field(default_factory=list)


@dataclass(frozen=True)
class InstanceInfo:
    """What the installing Saleor says about itself in its requests."""

    api_url: str
    domain: str
    schema_version: str
    saleor_version: str

    @property
    def user_agent(self) -> str:
        return f"Saleor/{self.schema_version}"


def _session() -> requests.Session:
    session = requests.Session()
    # Loopback test servers must not be routed through a developer's proxy settings.
    session.trust_env = False
    return session


def _body_of(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def fetch_manifest(manifest_url: str, instance: InstanceInfo) -> dict[str, Any]:
    """GET and decode the manifest, or raise ``InstallError``."""
    headers = {"Saleor-Schema-Version": instance.schema_version, "User-Agent": instance.user_agent}
    connect_timeout, read_timeout = REQUEST_TIMEOUT
    with _session() as session:
        for attempt in range(MANIFEST_FETCH_RETRIES + 1):
            try:
                response = session.get(
                    manifest_url,
                    headers=headers,
                    # Saleor gives each retry one more second to connect.
                    timeout=(connect_timeout + attempt, read_timeout),
                    allow_redirects=False,
                )
                break
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt == MANIFEST_FETCH_RETRIES:
                    raise InstallError(CANNOT_CONNECT) from exc
    if response.is_redirect or 300 <= response.status_code < 400:
        # Saleor never follows redirects; decoding the redirect's body then fails.
        raise InstallError(CANNOT_CONNECT, response.status_code, _body_of(response))
    if response.status_code >= 400:
        raise InstallError(
            f"App internal error ({response.status_code}). Try later or contact with app support.",
            response.status_code,
            _body_of(response),
        )
    try:
        manifest = response.json()
    except ValueError as exc:
        raise InstallError(CANNOT_CONNECT, response.status_code, response.text) from exc
    if not isinstance(manifest, dict):
        raise InstallError("Manifest must be a JSON object.", response.status_code, response.text)
    return manifest


def send_app_token(target_url: str, token: str, instance: InstanceInfo) -> requests.Response:
    """POST the token to the app's register endpoint (``send_app_token``)."""
    headers = {
        "Content-Type": "application/json",
        # Saleor still sends the deprecated X- header next to the current ones.
        "X-Saleor-Domain": instance.domain,
        "Saleor-Domain": instance.domain,
        "Saleor-Api-Url": instance.api_url,
        "Saleor-Schema-Version": instance.schema_version,
        "User-Agent": instance.user_agent,
    }
    with _session() as session:
        return session.post(
            target_url,
            json={"auth_token": token},
            headers=headers,
            timeout=REQUEST_TIMEOUT,
            allow_redirects=False,
        )


def _token_error(response: requests.Response) -> InstallError:
    # validate_app_install_response: show {"error": {"message"}} when the app sends one.
    try:
        message = str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        message = (
            f"App internal error ({response.status_code}). Try later or contact with app support."
        )
    return InstallError(message, response.status_code, _body_of(response))


def _create_app(store: Store, manifest_url: str, clean: CleanManifest) -> tuple[Record, str | None]:
    data = clean.data
    app = store.add_app(
        data["name"],
        permissions=clean.permissions,
        identifier=data["id"],
        manifest=data,
        manifest_url=manifest_url,
    )
    for extension in clean.extensions:
        store.add_extension(app, extension)
    for webhook in clean.webhooks:
        store.add_webhook(
            app,
            name=webhook.name,
            target_url=webhook.target_url,
            events=webhook.events,
            query=webhook.query,
            is_active=webhook.is_active,
            identifier=webhook.identifier,
            custom_headers=webhook.custom_headers,
        )
    # Saleor creates a token only when there is somewhere to send it.
    token = store.add_app_token(app) if data.get("tokenTargetUrl") else None
    return app, token


def install_app(
    store: Store,
    schema: GraphQLSchema,
    manifest_url: str,
    instance: InstanceInfo,
    *,
    permissions: Iterable[str] | None = None,
) -> InstalledApp:
    """Run the whole install; the app exists (and its token works) while the app registers."""
    manifest = fetch_manifest(manifest_url, instance)
    with store.lock:
        installed = {
            app["identifier"]: app["name"] for app in store.apps.values() if app["identifier"]
        }
    try:
        clean = clean_manifest(
            schema,
            manifest,
            granted_permissions=permissions,
            installed_identifiers=installed,
            saleor_version=instance.saleor_version,
        )
    except ManifestError as exc:
        raise InstallError(str(exc)) from exc
    app, token = _create_app(store, manifest_url, clean)
    target = manifest.get("tokenTargetUrl")
    if token is not None and target:
        # No store lock here: the app calls back into the double while registering.
        try:
            response = send_app_token(target, token, instance)
        except requests.RequestException as exc:
            store.remove_app(app)
            raise InstallError(CANNOT_CONNECT) from exc
        if not 200 <= response.status_code < 300:
            store.remove_app(app)
            raise _token_error(response)
    return InstalledApp(
        id=app["id"],
        token=token,
        manifest=manifest,
        webhooks=store.webhooks_of(app),
        app=app,
        extensions=list(app["extensions"]),
    )
