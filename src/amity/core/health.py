"""Configuration and database health, reported by ``amity check``."""

from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Finding:
    ok: bool
    message: str


def health_findings() -> list[Finding]:
    """Every problem that would stop Amity from working, each with a clear message."""
    findings = []
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        findings.append(
            Finding(True, _("Database reachable (%(vendor)s).") % {"vendor": connection.vendor})
        )
    except Exception as error:  # any driver error means the same to an operator
        return [Finding(False, _("Cannot reach the database: %(error)s") % {"error": error})]
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        findings.append(
            Finding(
                False,
                ngettext(
                    "%(count)d database migration is not applied: run amity migrate.",
                    "%(count)d database migrations are not applied: run amity migrate.",
                    len(pending),
                )
                % {"count": len(pending)},
            )
        )
    else:
        findings.append(Finding(True, _("Database schema is up to date.")))
    if len(settings.SECRET_KEY) < 32:
        findings.append(
            Finding(False, _("AMITY_SECRET_KEY is too short (32 characters at least)."))
        )
    if settings.REDIS_URL:
        findings.append(_redis_finding(settings.REDIS_URL))
    return findings


def _redis_finding(url: str) -> Finding:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        return Finding(
            False, _("Cannot reach Redis at AMITY_REDIS_URL: %(error)s") % {"error": error}
        )
    return Finding(True, _("Redis reachable."))
