"""Answers to inbound mail: acknowledgement e-mails, letters, and the outbox that sends them."""
