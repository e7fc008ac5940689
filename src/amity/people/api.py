"""REST endpoints for organizations and contacts (filled in by the API work)."""

from ninja import Router

router = Router(tags=["contacts and organizations"])
