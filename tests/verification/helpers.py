"""What the verification feature sent, read where e-mails end up in tests."""

from django.core import mail


def sent() -> list[tuple[str, str]]:
    """(recipient, subject) of every e-mail sent so far, in order."""
    return [(message.to[0], message.subject) for message in mail.outbox]
