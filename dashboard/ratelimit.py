"""A token bucket per API token or client address, in Redis so that replicas share it.

One Lua script refills and takes a token atomically; the answer gives what the RateLimit-*
headers need. Redis being down lets requests through: the limit protects the server, it is not
an access check.

Requests with an unknown or revoked API token also spend from a small bucket of their client
address (:data:`FAILED_AUTH_PER_MINUTE`), looked at before any token is checked: once it is
empty, a token guessed right is refused like the wrong ones, so guessing gains nothing.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from app.logging import get_logger

log = get_logger("dashboard.ratelimit")

# Failed API-token checks a client address may make a minute (however high the API's limit):
# real clients get their token right, a guesser gets this many tries.
FAILED_AUTH_PER_MINUTE = 10

# KEYS[1]: the bucket. ARGV: capacity, refill per second, now (s, float), ttl (s), cost (0: only
# look whether a request would pass). Returns {allowed 0/1, tokens left (floor), seconds until
# one token (ceil, ms)}.
_BUCKET = """
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
local wait_ms = 0
if tokens < 1 then wait_ms = math.ceil((1 - tokens) / rate * 1000) end
return {allowed, math.floor(tokens), wait_ms}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    retry_after_s: int  # until the next request may pass
    reset_s: int  # until the bucket is full again

    def headers(self) -> dict[str, str]:
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_s),
            "RateLimit-Policy": f"{self.limit};w=60",
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.retry_after_s)
        return headers


class RateLimiter:
    def __init__(self, redis: Redis, per_minute: int, *, prefix: str = "vibe:ratelimit:") -> None:
        self._redis = redis
        self._per_minute = per_minute
        self._prefix = prefix

    async def take(self, key: str) -> Decision | None:
        """Take one request from ``key``'s bucket; None when Redis could not be asked."""
        return await self._bucket(key, self._per_minute, cost=1)

    async def failed_auth_allowed(self, address: str) -> Decision | None:
        """Whether ``address`` may still have a token checked (nothing is taken)."""
        return await self._bucket(_failed_auth_key(address), self._failed_auth_limit, cost=0)

    async def take_failed_auth(self, address: str) -> Decision | None:
        """Count one unknown or revoked token from ``address``."""
        return await self._bucket(_failed_auth_key(address), self._failed_auth_limit, cost=1)

    @property
    def _failed_auth_limit(self) -> int:
        return min(FAILED_AUTH_PER_MINUTE, self._per_minute)

    async def _bucket(self, key: str, per_minute: int, *, cost: int) -> Decision | None:
        rate = per_minute / 60.0
        try:
            allowed, remaining, wait_ms = await self._redis.eval(  # type: ignore[misc]
                _BUCKET,
                1,
                self._prefix + key,
                str(per_minute),
                str(rate),
                str(time.time()),
                "120",
                str(cost),
            )
        except (RedisError, OSError, TimeoutError) as exc:
            log.warning("rate limit not applied: Redis unavailable", error=repr(exc))
            return None
        remaining = int(remaining)
        return Decision(
            allowed=bool(allowed),
            limit=per_minute,
            remaining=remaining,
            retry_after_s=max(1, math.ceil(int(wait_ms) / 1000)),
            reset_s=math.ceil((per_minute - remaining) / rate),
        )


def _failed_auth_key(address: str) -> str:
    return f"failed-auth:addr:{address}"
