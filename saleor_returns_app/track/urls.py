from django.urls import path, re_path

from saleor_returns_app.track import views

urlpatterns = [
    re_path(r"^theme/(?P<color>[0-9A-Fa-f]{6})\.css$", views.theme, name="track-theme"),
    path("<str:token>/status.json", views.status, name="track-status"),
    path("<str:token>", views.page, name="track-return"),
]
