"""Parsers: turn raw mail bytes and attached documents into typed, normalised data."""
