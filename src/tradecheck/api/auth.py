"""Who is asking: an API key from a header or the web cookie, and its role.

The key is read from ``Authorization: Bearer <key>``, else ``X-API-Key``, else
the ``tradecheck_key`` cookie the web login sets. A missing or invalid key is a
401, a role too low a 403; both are recorded in ``access_denials``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tradecheck.access.keys import ApiKey, AuthError, ForbiddenError, authenticate, log_denial
from tradecheck.store import Store

COOKIE = "tradecheck_key"

#: One line per authenticated request, naming its key (the audit log holds the answers).
access_logger = logging.getLogger("tradecheck.api.access")

#: Declares the bearer scheme in the OpenAPI document; the check itself is ours.
_BEARER = HTTPBearer(auto_error=False, description="An API key from `tradecheck keys create`.")


def secret_of(request: Request) -> str | None:
    """The key the request carries, if any."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.headers.get("x-api-key") or request.cookies.get(COOKIE) or None


def store_of(request: Request) -> Store:
    """The app's store."""
    store: Store = request.app.state.store
    return store


def check_key(request: Request, role: str) -> ApiKey:
    """The request's key, if it holds ``role`` or above.

    Raises:
        AuthError: no valid key (logged).
        ForbiddenError: a valid key with a lower role (logged).
    """
    store = store_of(request)
    secret = secret_of(request)
    client = request.client.host if request.client else None
    try:
        key = authenticate(store, secret)
    except AuthError as exc:
        log_denial(
            store,
            status=401,
            method=request.method,
            path=request.url.path,
            reason=exc.one_line(),
            key_id=None,
            client=client,
        )
        raise
    if not key.allows(role):
        exc2 = ForbiddenError(f"API key {key.id} has role {key.role}; this needs {role}")
        log_denial(
            store,
            status=403,
            method=request.method,
            path=request.url.path,
            reason=exc2.one_line(),
            key_id=key.id,
            client=client,
        )
        raise exc2
    request.state.key = key
    if access_logger.isEnabledFor(logging.INFO):
        access_logger.info(
            "%s %s key=%s role=%s", request.method, request.url.path, key.id, key.role
        )
    return key


def require(role: str) -> Callable[[Request], ApiKey]:
    """A FastAPI dependency: the request's key, which must hold ``role`` or above."""

    def dependency(
        request: Request,
        _bearer: HTTPAuthorizationCredentials | None = Depends(_BEARER),
    ) -> ApiKey:
        return check_key(request, role)

    dependency.__name__ = f"require_{role}"
    return dependency
