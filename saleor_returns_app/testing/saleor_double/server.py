"""The loopback HTTP server: ``POST /graphql/`` and ``GET /.well-known/jwks.json``."""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .endpoint import GraphQLEndpoint, HttpAnswer

API_PATH = "/graphql/"
JWKS_PATH = "/.well-known/jwks.json"


class DoubleHTTPServer(ThreadingHTTPServer):
    """A threading server that knows the endpoint and where the JWKS comes from.

    ``jwks()`` returning ``None`` makes the JWKS URL answer 404 (keys unavailable).
    """

    daemon_threads = True

    def __init__(
        self,
        endpoint: GraphQLEndpoint,
        jwks: Callable[[], dict[str, Any] | None],
        address: tuple[str, int] = ("127.0.0.1", 0),
    ) -> None:
        self.endpoint = endpoint
        self.jwks = jwks
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: DoubleHTTPServer
    # HTTP/1.1 keeps connections alive for clients that reuse sessions.
    protocol_version = "HTTP/1.1"

    def _send(self, answer: HttpAnswer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        self.wfile.write(answer.body)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_POST(self) -> None:
        body = self._read_body()
        if self.path.split("?", 1)[0] != API_PATH:
            self._send(HttpAnswer(404, b"Not Found", "text/plain"))
            return
        self._send(self.server.endpoint.handle(body, dict(self.headers.items())))

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        jwks = self.server.jwks()
        if path == JWKS_PATH and jwks is not None:
            self._send(HttpAnswer(200, json.dumps(jwks).encode("utf-8")))
        elif path == API_PATH:
            # Saleor serves its playground here; the double only speaks POST.
            self._send(HttpAnswer(405, b"Method Not Allowed", "text/plain"))
        else:
            self._send(HttpAnswer(404, b"Not Found", "text/plain"))

    def log_message(self, format: str, *args: Any) -> None:
        # Test output stays readable; requests are logged on the double instead.
        return
