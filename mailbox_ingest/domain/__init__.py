"""The bottom layer: enums, value types and the error root that every layer may import.

Nothing here imports from the rest of the project, so `parsers/` and `store/` can depend on it
without depending on the application (`mailbox_ingest`'s pipeline, intake, respond, web).
"""
