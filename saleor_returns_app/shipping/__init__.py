"""Return shipments: carrier accounts, carrier choice, booking, labels and tracking.

Talks to carriers only through `saleor_returns_app.carriers` (the registry and the driver
interface); no module here imports a driver.
"""
