"""Background work through the real queues: the database queue (default) and RQ on Redis,
delivering mail to a real local SMTP server."""

import uuid

import pytest
from django.core.management import call_command
from django.test import Client

from amity.core.mail import email_enqueue, send_email

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_is_queued_then_sent_by_the_worker(settings, smtp_inbox, agent):
    settings.TASKS = DB_QUEUE
    agent.email = "somchai@example.co.th"
    agent.save()

    response = Client().post("/password-reset/", {"email": "somchai@example.co.th"})

    assert response.status_code == 302
    assert smtp_inbox.messages == []  # nothing is sent inside the request
    call_command("worker", batch=True)
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]["message"]
    assert smtp_inbox.messages[0]["to"] == ["somchai@example.co.th"]
    body = message.get_content()
    assert "/password-reset/" in body
    # Written in the recipient's language (Thai), whatever the requester's browser says.
    assert "สมชาย ใจดี" in body


@pytest.mark.django_db(transaction=True)
def test_unknown_address_sends_nothing_and_reveals_nothing(settings, smtp_inbox):
    settings.TASKS = DB_QUEUE

    response = Client().post("/password-reset/", {"email": "nobody@example.pl"})
    call_command("worker", batch=True)

    assert response.status_code == 302
    assert smtp_inbox.messages == []


@pytest.mark.django_db(transaction=True)
def test_mail_is_not_queued_when_the_transaction_rolls_back(settings, smtp_inbox):
    from django.db import transaction

    settings.TASKS = DB_QUEUE

    def queue_then_fail():
        with transaction.atomic():
            email_enqueue(to=["a@example.jp"], subject="件名", body="本文")
            raise RuntimeError("rollback")

    with pytest.raises(RuntimeError):
        queue_then_fail()
    call_command("worker", batch=True)

    assert smtp_inbox.messages == []


@pytest.mark.django_db(transaction=True)
def test_redis_queue_runs_tasks_with_an_rq_worker(settings, smtp_inbox):
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run on 127.0.0.1:6379 for this test (see README)")
    queue = f"amity-test-{uuid.uuid4().hex[:8]}"
    settings.REDIS_URL = url
    settings.RQ_QUEUES = {queue: {"URL": url}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [queue]}}
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq"]
    result = send_email.using(queue_name=queue).enqueue(
        to=["kasia@example.pl"], subject="Zażółć gęślą jaźń", body="Dzień dobry"
    )
    assert smtp_inbox.messages == []  # queued in Redis, not run yet
    call_command(
        "rqworker",
        queue,
        burst=True,
        worker_class="rq.worker.SimpleWorker",
        job_class="django_tasks_rq.Job",
    )

    assert result.id
    assert [m["message"]["Subject"] for m in smtp_inbox.messages] == ["Zażółć gęślą jaźń"]
