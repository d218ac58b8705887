"""`python -m mailbox_ingest` runs the command line."""

from mailbox_ingest.cli import main

main()
