"""Carrier layer: drivers, labels, pickups and tracking for return shipments."""
