// settings_markets: filled in by its section.
