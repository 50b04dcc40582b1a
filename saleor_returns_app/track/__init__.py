"""The shopper's tracking page (`/track/<token>`) and the storefront embed."""
