"""Intake: mailbox sources (IMAP, Maildir, an in-memory fake) behind one protocol."""
