"""Benchmarks of the intake: run the modules here as scripts from the repository root."""
