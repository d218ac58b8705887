"""OAuth2 login for IMAP and SMTP: token providers, a renewing token manager, SASL strings."""
