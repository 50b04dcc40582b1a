"""The hosted, localised return portal shoppers reach from the store (`/portal/<slug>/`)."""
