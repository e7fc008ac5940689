"""Domain errors raised by services; the API and the pages turn them into clear messages."""


class DomainError(Exception):
    """A request that breaks a business rule. ``code`` is stable for programs, ``message`` is
    translated for people."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if code:
            self.code = code


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class Refused(DomainError):
    """The caller is known but may not go on until they do something (the API answers 403)."""

    code = "refused"
