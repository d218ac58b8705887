"""OAuth2 login tests, with their own fixtures (a local authorisation server, a Dovecot)."""
