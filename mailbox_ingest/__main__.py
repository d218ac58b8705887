"""`python -m mailbox_ingest` runs the command line."""

from mailbox_ingest.cli import main

if __name__ == "__main__":  # not again in a spawned child (the page renderer)
    main()
