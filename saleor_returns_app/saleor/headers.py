"""HTTP header names of the Saleor app protocol, in one place.

Values are the names as Django exposes them in `request.headers` (case-insensitive lookup).
"""

SALEOR_API_URL = "Saleor-Api-Url"
SALEOR_DOMAIN = "Saleor-Domain"
SALEOR_EVENT = "Saleor-Event"
SALEOR_SIGNATURE = "Saleor-Signature"
SALEOR_SCHEMA_VERSION = "Saleor-Schema-Version"
# What the official SDK's frontends send with every call from a dashboard view.
AUTHORIZATION_BEARER = "Authorization-Bearer"
