"""The embedded celery broker for `make run`: kombu's SQLAlchemy transport on a SQLite file.

kombu's SQLAlchemy channel passes every transport option to `create_engine`, which rejects
`polling_interval`; the stock interval (1 s) makes each worker hop slow. A subclass sets the
interval instead, registered under its own URL scheme `sqlitepoll+`.
"""

from __future__ import annotations

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport.sqlalchemy import Transport as SQLAlchemyTransport

SCHEME = "sqlitepoll"


class SQLiteTransport(SQLAlchemyTransport):
    polling_interval = 0.1


TRANSPORT_ALIASES[SCHEME] = f"{__name__}:SQLiteTransport"
