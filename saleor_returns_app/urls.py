from django.urls import include, path

from saleor_returns_app.api import views as api_views
from saleor_returns_app.core import http
from saleor_returns_app.core import views as core_views
from saleor_returns_app.dashboard import exports as dashboard_exports
from saleor_returns_app.dashboard import views as dashboard_views
from saleor_returns_app.portal import views as portal_views
from saleor_returns_app.saleor import views as saleor_views
from saleor_returns_app.shipping import views as shipping_views
from saleor_returns_app.webhooks import views as webhook_views

urlpatterns = [
    path("api/manifest", saleor_views.manifest, name="manifest"),
    path("api/register", saleor_views.register, name="register"),
    path("api/webhooks/<slug:name>", webhook_views.receive, name="webhook"),
    path("api/session", dashboard_views.session, name="dashboard-session"),
    path("api/returns/export.csv", dashboard_exports.returns_csv, name="returns-csv"),
    # Before the shopper's label links, whose token would otherwise match "merged".
    path("api/labels/merged", dashboard_exports.merged_labels, name="merged-labels"),
    path("api/labels/<str:token>", shipping_views.shopper_label, name="shopper-label"),
    path("api/photos/<str:token>", portal_views.return_photo, name="return-photo"),
    path("api/shipments/<str:shipment_id>/label", shipping_views.staff_label, name="staff-label"),
    path(
        "api/carrier-webhooks/<int:account_id>/<str:token>",
        shipping_views.carrier_push,
        name="carrier-push",
    ),
    path("dashboard/", dashboard_views.home, name="dashboard-home"),
    path(
        "dashboard/returns/<str:return_id>/",
        dashboard_views.return_detail,
        name="dashboard-return-detail",
    ),
    path("dashboard/settings/", dashboard_views.settings_page, name="dashboard-settings"),
    path("dashboard/order-widget/", dashboard_views.order_widget, name="dashboard-order-widget"),
    path("dashboard/create-return/", dashboard_views.create_return, name="dashboard-create-return"),
    path("graphql/", api_views.graphql_view, name="graphql"),
    path("portal/", include("saleor_returns_app.portal.urls")),
    path("track/", include("saleor_returns_app.track.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
]

handler404 = http.not_found
handler500 = http.server_error
