"""An SMTP server that is down, for tests."""

import smtplib
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class SmtpDown(BaseEmailBackend):
    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connexion refusée (serveur SMTP arrêté)")
