"""mailbox-ingest: intake and accountability for enclave contracts sent to a generic mailbox."""

__version__ = "0.1.0"
