"""Store: the database models, the raw-message file store, queries and reports."""
