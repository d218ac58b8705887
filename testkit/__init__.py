"""Test kit shipped with the project: real servers (Dovecot, an SMTP sink, throwaway
PostgreSQL databases) started in-process for tests, benchmarks and the demo."""
