"""The staff review web UI (FastAPI, Jinja2, htmx): queue, contracts, letters, admin."""
