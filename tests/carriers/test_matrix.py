"""The published capability matrix (`docs/carriers.md`) is what the drivers declare."""

from __future__ import annotations

from django.conf import settings

from saleor_returns_app.carriers.base import CarrierDriver
from saleor_returns_app.carriers.matrix import render_matrix
from saleor_returns_app.carriers.registry import carrier_codes, driver_for


def test_committed_matrix_matches_the_drivers():
    # after changing what a driver declares: `python -m saleor_returns_app write_carrier_matrix`
    committed = (settings.REPO_ROOT / "docs" / "carriers.md").read_text()
    assert committed == render_matrix()


def test_every_registered_driver_implements_the_whole_interface():
    assert carrier_codes() == ["innoship", "inpost", "packeta", "sameday", "self"]
    for code in carrier_codes():
        driver = driver_for(code)
        assert isinstance(driver, CarrierDriver), code
        assert driver.code == code


def test_only_the_carriers_package_imports_drivers():
    # the app reaches carriers through the registry and the interface, never a driver module
    package = settings.REPO_ROOT / "saleor_returns_app"
    offenders = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "carriers.drivers" in path.read_text()
        and not path.is_relative_to(package / "carriers")
        and not path.is_relative_to(package / "testing")
    ]
    assert offenders == []
