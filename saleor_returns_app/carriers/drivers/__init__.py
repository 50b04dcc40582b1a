"""One module per carrier. Only `carriers.registry` imports these."""
