"""API keys: create, list, revoke, authenticate; the secret is shown once and kept as a hash.

A secret reads ``tc_<key id>_<random>``: the id finds the row, and the SHA-256 of
the whole secret is compared in constant time. Secrets carry 192 random bits,
so a fast hash is enough (no password stretching needed).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update

from tradecheck.audit.tables import access_denials, api_keys
from tradecheck.errors import InputError, TradecheckError
from tradecheck.store import Store

#: A valid key is looked up again after this many seconds: a key revoked from another
#: process (``tradecheck keys revoke``) stops working within this time; in the
#: process that revokes it, at once.
AUTH_CACHE_SECONDS = 2.0

_AUTH_CACHE: dict[tuple[str, str], tuple[float, ApiKey]] = {}
_AUTH_LOCK = threading.Lock()

#: Roles, least to most powerful; a role may do everything the ones before it may.
ROLES = ("viewer", "analyst", "admin")


class AuthError(TradecheckError):
    """A request without a valid key (401)."""

    exit_code = 6
    http_status = 401


class ForbiddenError(TradecheckError):
    """A valid key whose role is not enough (403)."""

    exit_code = 7
    http_status = 403


@dataclass(frozen=True, slots=True)
class ApiKey:
    """A stored key (never its secret)."""

    id: str
    name: str
    role: str
    created_at: str
    revoked_at: str | None

    def allows(self, role: str) -> bool:
        """True when this key's role is ``role`` or above."""
        return ROLES.index(self.role) >= ROLES.index(role)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "created_at": self.created_at,
            "revoked_at": self.revoked_at,
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_role(role: str) -> str:
    """Validate a role name.

    Raises:
        InputError: for anything but viewer, analyst or admin.
    """
    if role not in ROLES:
        raise InputError(f"role {role!r} is not one of {', '.join(ROLES)}")
    return role


def create_key(store: Store, role: str, name: str) -> tuple[ApiKey, str]:
    """Create a key; return it and its secret (shown once, stored only as a hash)."""
    check_role(role)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise InputError("key name must be 1 to 200 characters")
    key_id = "k" + secrets.token_hex(5)
    secret = f"tc_{key_id}_{secrets.token_urlsafe(24)}"
    now = _now()
    with store.engine.begin() as conn:
        conn.execute(
            insert(api_keys).values(
                id=key_id, name=name, role=role, secret_hash=_hash(secret), created_at=now
            )
        )
    return ApiKey(key_id, name, role, now, None), secret


def _key(row: Any) -> ApiKey:
    return ApiKey(row.id, row.name, row.role, row.created_at, row.revoked_at)


def list_keys(store: Store) -> list[ApiKey]:
    """Every key, revoked ones included, oldest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id))
        return [_key(r) for r in rows]


def revoke_key(store: Store, key_id: str) -> ApiKey:
    """Revoke a key (it stays listed, marked revoked).

    Raises:
        InputError: when there is no such key.
    """
    with store.engine.begin() as conn:
        res = conn.execute(
            update(api_keys)
            .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
            .values(revoked_at=_now())
        )
        row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
    if row is None:
        raise InputError(f"no API key {key_id!r}")
    with _AUTH_LOCK:
        _AUTH_CACHE.clear()  # this process stops accepting it at once
    if res.rowcount == 0 and row.revoked_at is None:  # pragma: no cover - raced
        raise InputError(f"API key {key_id!r} could not be revoked")
    return _key(row)


def key_id_of(secret: str) -> str | None:
    """The key id a secret names, if it has the shape of one."""
    parts = secret.split("_")
    return parts[1] if len(parts) >= 3 and parts[0] == "tc" and parts[1] else None


def authenticate(store: Store, secret: str | None) -> ApiKey:
    """The key a secret belongs to.

    Raises:
        AuthError: no secret, an unknown or wrong one, or a revoked key.
    """
    if not secret:
        raise AuthError("missing API key: send it as 'Authorization: Bearer <key>'")
    key_id = key_id_of(secret)
    if key_id is None:
        raise AuthError("invalid API key")
    digest = _hash(secret)
    now = time.monotonic()
    with _AUTH_LOCK:
        hit = _AUTH_CACHE.get((store.url, digest))
    if hit is not None and hit[0] > now:
        return hit[1]
    key = _lookup(store, key_id, secret)
    with _AUTH_LOCK:
        _AUTH_CACHE[(store.url, digest)] = (now + AUTH_CACHE_SECONDS, key)
    return key


def _lookup(store: Store, key_id: str, secret: str) -> ApiKey:
    with store.engine.connect() as conn:
        row = conn.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
    if row is None or not hmac.compare_digest(row.secret_hash, _hash(secret)):
        raise AuthError("invalid API key")
    if row.revoked_at is not None:
        raise AuthError(f"API key {key_id} was revoked")
    return _key(row)


def log_denial(
    store: Store,
    *,
    status: int,
    method: str,
    path: str,
    reason: str,
    key_id: str | None,
    client: str | None,
) -> None:
    """Record a refused request (401 or 403)."""
    with store.engine.begin() as conn:
        conn.execute(
            insert(access_denials).values(
                time=_now(),
                status=status,
                method=method[:10],
                path=path[:2000],
                key_id=key_id,
                reason=reason[:500],
                client=(client or "")[:64] or None,
            )
        )


def list_denials(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """The most recent refused requests, newest first."""
    q = select(access_denials).order_by(access_denials.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
