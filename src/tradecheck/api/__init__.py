"""The HTTP API (FastAPI): versioned JSON routes under ``/api/v1`` over the service functions.

``create_app(db)`` builds the application; ``tradecheck serve`` runs it with uvicorn.
Routes call the same functions as the CLI (through :mod:`tradecheck.audit.actions`
for determinations, which records them in the audit log).
"""

from tradecheck.api.app import create_app

__all__ = ["create_app"]
