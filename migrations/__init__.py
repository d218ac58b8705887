"""Alembic migrations for the mailbox-ingest schema (run with `mailbox-ingest db upgrade`)."""
