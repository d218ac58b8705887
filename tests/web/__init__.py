"""Tests of the staff review web UI."""
