"""Outgoing email leaves the request: it is enqueued after commit and sent by a worker."""

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task


@task(queue_name="default")
def send_email(
    *, to: list[str], subject: str, body: str, html_body: str = "", from_email: str | None = None
) -> int:
    """Send one message through the configured SMTP server; raises so the task shows failure."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send(fail_silently=False)


def email_enqueue(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    """Queue a message to be sent once the surrounding transaction commits."""
    transaction.on_commit(
        lambda: send_email.enqueue(to=to, subject=subject, body=body, html_body=html_body)
    )
