// settings_store: filled in by its section.
