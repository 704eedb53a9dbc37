"""What the verification feature sent: the rows of the e-mail queue (django-post-office)."""

from post_office.models import Email


def sent() -> list[tuple[str, str]]:
    """(recipient, subject) of every queued e-mail so far, in order."""
    return [(email.to[0], email.subject) for email in Email.objects.order_by("pk")]


def last_body() -> str:
    email = Email.objects.order_by("-pk").first()
    assert email is not None
    return str(email.message)
