"""The hosted return portal's pages (`/portal/<slug>/...`): server-rendered, no session.

State between pages travels in signed tokens (see `portal.access`), never in cookies. There
is no CSRF cookie either: the portal grants nothing by ambient credentials (no session, no
login cookie), so a forged cross-site POST could only do what its author could do directly
with the same token. POSTs from another site are refused all the same (`Sec-Fetch-Site`,
`Origin`), which keeps others from driving a shopper's browser through the guest lookup.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saleor_returns_app.api.context import client_ip
from saleor_returns_app.core.http import json_error
from saleor_returns_app.core.l10n import choose_language
from saleor_returns_app.core.ratelimit import Limit, allow
from saleor_returns_app.installations.models import Installation
from saleor_returns_app.portal import photos as portal_photos
from saleor_returns_app.portal import services as portal
from saleor_returns_app.portal.access import read_order_token, read_points_token
from saleor_returns_app.returns.services import OrderNotFound
from saleor_returns_app.returns.store_settings import settings_of

_CSP = (
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
POINTS_LIMIT = Limit(count=60, seconds=600)
_PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_DEFAULT_COLOUR = "#2563EB"


def _installation(slug: str) -> Installation:
    installation = Installation.objects.filter(slug=slug, is_active=True).first()
    if installation is None:
        raise Http404
    return installation


def _language(request: HttpRequest, *preferred: str) -> str:
    chosen = request.POST.get("lang") or request.GET.get("lang") or ""
    return choose_language(
        chosen, *preferred, accept_language=request.headers.get("Accept-Language", "")
    )


def _page(
    request: HttpRequest,
    installation: Installation,
    language: str,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        response = render(
            request,
            template,
            {
                "installation": installation,
                "brand": settings_of(installation),
                "language": language,
                "languages": settings.LANGUAGES,
                **context,
            },
            status=status,
        )
    response["Content-Security-Policy"] = _CSP
    # URLs carry tokens: never sent to another site as a referrer, never kept in a cache
    # ("no-referrer" would also blank the Origin of our own form posts).
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = language
    return response


def _same_site(request: HttpRequest) -> bool:
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.get_host()


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    """Guests give the order number and the order's email."""
    installation = _installation(slug)
    language = _language(request)
    if request.method == "GET":
        return _page(request, installation, language, "portal/start.html", {})
    if not _same_site(request):
        return HttpResponseForbidden()
    number = portal.clean_order_number(request.POST.get("number", ""))
    email = request.POST.get("email", "").strip()[:254]
    with translation.override(language):
        if number is None or "@" not in email:
            error = _("Enter the order number and the email address you ordered with.")
            return _page(request, installation, language, "portal/start.html", {"error": error})
        try:
            access = portal.find_guest_order(
                installation=installation,
                number=number,
                email=email,
                client_ip=client_ip(request),
                language=language,
            )
        except portal.TooManyAttempts:
            error = _("Too many attempts. Please try again in a few minutes.")
            context = {"error": error}
            return _page(request, installation, language, "portal/start.html", context, 429)
        if access is None:
            # One answer for an unknown order and a wrong email: neither is confirmed.
            error = _("We could not find an order with this number and email address.")
            return _page(request, installation, language, "portal/start.html", {"error": error})
    return HttpResponseRedirect(portal.order_path(installation, access), status=303)


def _expired(request: HttpRequest, installation: Installation, language: str) -> HttpResponse:
    return _page(request, installation, language, "portal/expired.html", {}, status=404)


@require_http_methods(["GET", "POST"])
def order(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Choose items, reasons, photos, resolution and method; a POST shows the review."""
    installation = _installation(slug)
    access = read_order_token(installation, token)
    language = _language(request, access.language if access else "")
    if access is None:
        return _expired(request, installation, language)
    if request.method == "POST" and not _same_site(request):
        return HttpResponseForbidden()
    now = timezone.now()
    with translation.override(language):
        try:
            page = portal.order_page(
                installation=installation, access=access, language=language, now=now
            )
        except OrderNotFound:
            return _expired(request, installation, language)
        context: dict[str, Any] = {"page": page, "token": token, "form": request.POST}
        if request.method == "GET":
            return _page(request, installation, language, "portal/order.html", context)
        choice = portal.read_choice(page, request.POST, request.FILES)
        reviewed = None
        if not choice.errors:
            reviewed = portal.review(
                installation=installation, page=page, choice=choice, language=language, now=now
            )
        if reviewed is None:
            context["errors"] = choice.errors
            return _page(request, installation, language, "portal/order.html", context, 400)
    context.update(review=reviewed, choice=choice)
    return _page(request, installation, language, "portal/review.html", context)


@require_POST
def confirm(request: HttpRequest, slug: str) -> HttpResponse:
    """Create the reviewed return and show its confirmation."""
    installation = _installation(slug)
    language = _language(request)
    if not _same_site(request):
        return HttpResponseForbidden()
    with translation.override(language):
        try:
            confirmed = portal.confirm(
                installation=installation, token=request.POST.get("request", ""), now=timezone.now()
            )
        except (portal.RequestExpired, OrderNotFound):
            return _expired(request, installation, language)
    if confirmed.return_request is None:
        context = {"errors": confirmed.errors}
        return _page(request, installation, language, "portal/refused.html", context, 409)
    path = reverse("portal-return", args=[slug, confirmed.return_request.public_token])
    return HttpResponseRedirect(f"{path}?lang={language}", status=303)


@require_GET
def return_status(request: HttpRequest, slug: str, public_token: str) -> HttpResponse:
    """The RMA, then the label to download or the QR code to show at the point when ready."""
    installation = _installation(slug)
    shown = portal.confirmation(installation=installation, public_token=public_token)
    if shown is None:
        raise Http404
    language = _language(request, shown.return_request.locale)
    return _page(request, installation, language, "portal/confirmation.html", {"shown": shown})


@require_GET
def points(request: HttpRequest, slug: str, token: str) -> JsonResponse:
    """Lockers or drop-off points near a postal code or city, for the page's picker."""
    installation = _installation(slug)
    scope = read_points_token(installation, token)
    if scope is None:
        return JsonResponse({"points": []}, status=404)
    if not allow("portal-points", f"{installation.pk}:{client_ip(request)}", POINTS_LIMIT):
        return JsonResponse({"points": []}, status=429)
    found = portal.nearby_points(
        installation=installation,
        scope=scope,
        place=request.GET.get("q", ""),
        method=request.GET.get("method", ""),
    )
    return JsonResponse({"points": [asdict(point) for point in found]})


@require_GET
def brand_css(request: HttpRequest, slug: str) -> HttpResponse:
    """The store's colour as a stylesheet: inline styles are not allowed by the page's CSP."""
    colour = settings_of(_installation(slug)).brand_color
    if not _COLOUR.fullmatch(colour or ""):
        colour = _DEFAULT_COLOUR
    body = f":root {{ --brand: {colour}; }}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=300"
    return response


@require_GET
def return_photo(request: HttpRequest, token: str) -> HttpResponse:
    """A shopper's photo for staff, behind the signed link the API gave them."""
    photo = portal_photos.photo_for_token(token)
    if photo is None:
        return json_error(404, "NOT_FOUND", "This photo link is unknown or has expired.")
    response = FileResponse(photo, content_type=_PHOTO_TYPES.get(photo.name.rsplit(".", 1)[-1]))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response
