"""The apps' gettext catalogues: extracted by Django's makemessages, compiled by Babel.

An app that shows text keeps `locale/<language>/LC_MESSAGES/django.po` next to its code, and
commits the `django.mo` compiled from it beside it. Django loads the `locale/` directory of
every installed app by itself, so a new app's catalogues need no registration anywhere.
`python -m saleor_returns_app update_catalogues` (`make messages`) refreshes them all.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import chdir
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileParser
from django.apps import AppConfig, apps
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

PACKAGE = Path(__file__).resolve().parent.parent
DOMAIN = "django"
# References name the file without a line number, so that a catalogue changes only when its
# messages do; messages gone from the code leave the catalogue instead of lingering as `#~`.
_MAKEMESSAGES_OPTIONS = {
    "domain": DOMAIN,
    "add_location": "file",
    "no_obsolete": True,
    "verbosity": 0,
}
# makemessages stamps every .po file it touches with the time it ran.
_CREATION_DATE = re.compile(r'^"POT-Creation-Date: .*"\n', re.MULTILINE)


class _Catalog(Catalog):
    """Babel's catalogue without the `Generated-By: Babel <version>` header, so the compiled
    bytes depend on the .po file alone, not on which Babel release compiled it."""

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        return [(name, value) for name, value in super().mime_headers if name != "Generated-By"]

    @mime_headers.setter
    def mime_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        Catalog.mime_headers.fset(self, headers)


def translated_languages() -> list[str]:
    """The shipped languages that need catalogues: all but the source language, English."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def project_apps() -> list[AppConfig]:
    """The installed apps that are part of this project, whose catalogues it maintains."""
    return [app for app in apps.get_app_configs() if Path(app.path).is_relative_to(PACKAGE)]


def locale_dir(app: AppConfig) -> Path:
    return Path(app.path) / "locale"


def catalogue_path(app: AppConfig, language: str) -> Path:
    """Where `app`'s .po file for `language` lives (the .mo sits beside it)."""
    return locale_dir(app) / to_locale(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(path: Path) -> Catalog:
    """A .po file in `<language>/LC_MESSAGES/`; a malformed one raises rather than losing
    messages silently."""
    catalog = _Catalog(locale=path.parent.parent.name, domain=DOMAIN)
    with path.open("rb") as stream:
        PoFileParser(catalog, abort_invalid=True).parse(stream)
    return catalog


def compile_catalogue(path: Path) -> bytes:
    """The .mo bytes Babel compiles from the .po file at `path`, fuzzy entries left out."""
    buffer = BytesIO()
    write_mo(buffer, read_catalogue(path))
    return buffer.getvalue()


def extract(app: AppConfig) -> Catalog:
    """The messages `app`'s code marks for translation now, found as `make messages` finds
    them but in a scratch copy of the app, so its committed catalogues stay untouched."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / Path(app.path).name
        shutil.copytree(app.path, copy, ignore=shutil.ignore_patterns("locale", "__pycache__"))
        (copy / "locale").mkdir()
        source_locale = to_locale(settings.LANGUAGE_CODE)
        with chdir(copy):
            call_command("makemessages", locale=[source_locale], **_MAKEMESSAGES_OPTIONS)
        # A fresh catalogue of the source language: every message, none translated. None is
        # written for an app without a single marked string.
        extracted = copy / "locale" / source_locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        return read_catalogue(extracted) if extracted.exists() else Catalog(domain=DOMAIN)


def update(app: AppConfig) -> list[Path]:
    """Brings `app`'s catalogues up to date with its code and compiles them; returns the .mo
    files whose bytes changed. New messages arrive untranslated and are to be translated."""
    catalogues = [catalogue_path(app, language) for language in translated_languages()]
    before = {po: po.read_text(encoding="utf-8") for po in catalogues if po.exists()}
    with chdir(app.path):
        call_command(
            "makemessages",
            locale=[to_locale(language) for language in translated_languages()],
            **_MAKEMESSAGES_OPTIONS,
        )
    written = []
    for po in catalogues:
        if not po.exists():
            continue
        # A catalogue whose messages did not change keeps its old date, so that running
        # `make messages` twice, or for another app, leaves no diff behind.
        if po in before and _undated(before[po]) == _undated(po.read_text(encoding="utf-8")):
            po.write_text(before[po], encoding="utf-8")
        mo = po.with_suffix(".mo")
        compiled = compile_catalogue(po)
        if not mo.exists() or mo.read_bytes() != compiled:
            mo.write_bytes(compiled)
            written.append(mo)
    return written


def _undated(text: str) -> str:
    return _CREATION_DATE.sub("", text)
