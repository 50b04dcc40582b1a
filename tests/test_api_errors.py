"""Every failure under /api/ answers JSON with a code, never an HTML page."""

from __future__ import annotations

from saleor_returns_app.core.http import server_error


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {
        "success": False,
        "error": {"code": "NOT_FOUND", "message": "No such endpoint."},
    }


def test_unknown_page_keeps_an_html_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_crash_under_api_is_a_json_500(rf):
    response = server_error(rf.get("/api/webhooks/order-fulfilled"))
    assert response.status_code == 500
    assert b'"INTERNAL_ERROR"' in response.content
