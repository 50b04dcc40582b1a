"""Every shipped language is complete: each app's catalogues translate every message its code
marks, keep the placeholders, are up to date with the code and are committed compiled.

Catalogues are found through the installed apps (`<app>/locale/<language>/LC_MESSAGES`), so a
new app's catalogues are checked as soon as they exist, and an app that marks messages without
having catalogues fails.
"""

from __future__ import annotations

import gettext
import re
import shutil

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from django.utils import translation
from django.utils.translation import to_locale

from saleor_returns_app.core.catalogues import (
    catalogue_path,
    compile_catalogue,
    extract,
    locale_dir,
    project_apps,
    read_catalogue,
    translated_languages,
)
from saleor_returns_app.returns.policy import (
    IneligibilityCode,
    RequestErrorCode,
    ReviewReason,
    default_reasons,
    reason_label,
    render_message,
)

APPS = project_apps()
LANGUAGES = translated_languages()
CATALOGUES = [
    pytest.param(app, language, id=f"{app.label}-{language}")
    for app in APPS
    if locale_dir(app).is_dir()
    for language in LANGUAGES
]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
MISSING_TOOLS = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]

# `%(name)s`, `%s`, `{name}`, `{}`; `%%`, `{{` and `}}` are literal characters, not placeholders.
_LITERALS = re.compile(r"%%|\{\{|\}\}")
_PLACEHOLDER = re.compile(
    r"%(?:\((?P<percent>\w+)\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{(?P<brace>\w*)(?:[!:][^{}]*)?\}"
)


def placeholders(text: str) -> tuple[frozenset[str], list[str]]:
    """Named placeholders (any order, any number of times) and positional ones (in order)."""
    named: set[str] = set()
    positional: list[str] = []
    for match in _PLACEHOLDER.finditer(_LITERALS.sub("", text)):
        name = match["percent"] or match["brace"]
        if name:
            named.add(name)
        else:
            positional.append(match[0])
    return frozenset(named), positional


def problems_of(message: Message, num_plurals: int) -> list[str]:
    if message.fuzzy:
        return ["is marked fuzzy (review it, then remove the flag)"]
    if not message.pluralizable:
        if not message.string:
            return ["is not translated"]
        if placeholders(message.string) != placeholders(message.id):
            return [f"placeholders differ: {message.string!r}"]
        return []
    singular, plural = message.id
    forms = list(message.string)
    if len(forms) != num_plurals:
        return [f"has {len(forms)} plural forms, the language has {num_plurals}"]
    found = []
    for index, form in enumerate(forms):
        source = singular if index == 0 else plural
        if not form:
            found.append(f"plural form {index} is not translated")
        elif placeholders(form) != placeholders(source):
            found.append(f"plural form {index}: placeholders differ: {form!r}")
    return found


def keys(catalog: Catalog) -> set[str]:
    """Each message as one string: its context, if any, and its msgid (and msgid_plural)."""
    return {
        " | ".join(filter(None, (message.context, *_ids(message.id))))
        for message in catalog
        if message.id
    }


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return message_id if isinstance(message_id, tuple) else (message_id,)


@pytest.mark.parametrize(("app", "language"), CATALOGUES)
def test_every_message_is_translated_with_its_placeholders(app, language):
    # given
    path = catalogue_path(app, language)
    assert path.exists(), f"{path} is missing: run `make messages` and translate it"
    catalog = read_catalogue(path)
    # when
    problems = [
        f"{message.id!r} {problem}"
        for message in catalog
        if message.id
        for problem in problems_of(message, catalog.num_plurals)
    ]
    problems += [f"{message_id!r} is obsolete (#~)" for message_id in catalog.obsolete]
    if catalog.fuzzy:
        problems.append("the header is marked fuzzy (fill it in, then remove the flag)")
    # then
    assert not problems, f"{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("app", "language"), CATALOGUES)
def test_plural_forms_follow_the_languages_plural_rules(app, language):
    # given: the catalogue's own Plural-Forms, and CLDR's rules for the language
    path = catalogue_path(app, language)
    assert '"Plural-Forms: ' in path.read_text(encoding="utf-8"), f"{path}: no Plural-Forms"
    catalog = read_catalogue(path)
    choose_form = gettext.c2py(catalog.plural_expr)
    category_of = Locale.parse(to_locale(language)).plural_form
    # when: which form each count gets, and which CLDR category it belongs to
    forms: dict[int, set[str]] = {}
    categories: dict[str, set[int]] = {}
    for count in range(1001):
        form, category = choose_form(count), category_of(count)
        forms.setdefault(form, set()).add(category)
        categories.setdefault(category, set()).add(form)
    # then: counts share a form exactly when they share a category
    assert all(len(found) == 1 for found in forms.values()), f"{path}: {forms}"
    assert all(len(found) == 1 for found in categories.values()), f"{path}: {categories}"
    assert max(forms) < catalog.num_plurals


@pytest.mark.parametrize(
    ("app", "language"), [param for param in CATALOGUES if param.values[1] == "ro"]
)
def test_romanian_is_written_with_comma_below_diacritics(app, language):
    # given: ş and ţ (cedilla) are the legacy look-alikes of ș and ț (comma below)
    text = catalogue_path(app, language).read_text(encoding="utf-8")
    # when
    cedillas = sorted(set(re.findall("[şţŞŢ]", text)))
    # then
    assert not cedillas, f"use ș ț Ș Ț instead of {cedillas}"


@pytest.mark.parametrize(("app", "language"), CATALOGUES)
def test_committed_mo_file_is_the_po_file_compiled_by_babel(app, language):
    # given
    po = catalogue_path(app, language)
    mo = po.with_suffix(".mo")
    # when
    compiled = compile_catalogue(po)
    # then
    assert mo.exists(), f"{mo} is missing: run `make messages`"
    assert mo.read_bytes() == compiled, f"{mo} is stale: run `make messages`"


@pytest.mark.skipif(
    bool(MISSING_TOOLS),
    reason=f"GNU gettext's {', '.join(MISSING_TOOLS)} missing (Debian: apt-get install gettext)",
)
@pytest.mark.parametrize("app", APPS, ids=lambda app: app.label)
def test_catalogues_hold_exactly_the_messages_of_the_code(app):
    # given: what the code marks for translation now
    marked = keys(extract(app))
    if not marked and not locale_dir(app).is_dir():
        return
    assert locale_dir(app).is_dir(), (
        f"{app.name} marks {len(marked)} messages for translation but has no catalogues: "
        f"create {locale_dir(app)} and run `make messages`, e.g. for {sorted(marked)[:3]}"
    )
    for language in LANGUAGES:
        path = catalogue_path(app, language)
        # when
        shipped = keys(read_catalogue(path)) if path.exists() else set()
        # then
        missing, stale = sorted(marked - shipped), sorted(shipped - marked)
        assert not missing, f"{path} lacks (run `make messages`, translate): {missing}"
        assert not stale, f"{path} holds messages the code no longer has: {stale}"


def test_a_refusal_comes_out_in_polish():
    # given: a stored refusal code with its params
    params = {"window_days": 30, "last_day": "2026-11-02"}
    # when
    with translation.override("pl"):
        final_sale = render_message(IneligibilityCode.FINAL_SALE)
        window_closed = render_message(IneligibilityCode.WINDOW_CLOSED, params)
    # then
    assert final_sale == "Produkty z wyprzedaży końcowej nie podlegają zwrotowi"
    assert window_closed == "Termin zwrotu (30 dni) upłynął 2026-11-02"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_policy_message_and_reason_comes_out_translated(language):
    # given: the English the engine is written in
    codes = [*IneligibilityCode, *RequestErrorCode, *ReviewReason]
    reasons = list(default_reasons().values())
    with translation.override("en"):
        english = [render_message(code) for code in codes] + [reason_label(r) for r in reasons]
    # when
    with translation.override(language):
        shown = [render_message(code) for code in codes] + [reason_label(r) for r in reasons]
    # then
    untranslated = [text for text, source in zip(shown, english, strict=True) if text == source]
    assert not untranslated, f"shown in English in {language!r}: {untranslated}"
