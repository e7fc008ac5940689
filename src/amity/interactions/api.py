"""REST endpoints for interactions and timelines (filled in by the API work)."""

from ninja import Router

router = Router(tags=["interactions"])
