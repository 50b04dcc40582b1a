"""The app's own GraphQL API (`POST /graphql/`) for storefronts and dashboard views."""
