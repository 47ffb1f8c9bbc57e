"""The Django cache on Redis, acting as an empty cache while Redis is unreachable.

The cache only ever holds copies: with Redis down a page is built from the database
instead of failing, and the shopper can still pay (the drill in tests/production
proves it). The readiness check still reports the cache as unavailable.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class RedisCacheTolerant(RedisCache):
    """Reads miss and writes are dropped while Redis does not answer; other errors raise."""

    def _tolerate(self, operation, fallback, *args, **kwargs):
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Cache unreachable (%s): %s skipped", error, operation)
            return fallback

    def get(self, key, default=None, version=None):
        return self._tolerate("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerate("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._tolerate("has_key", False, key, version)

    def add(self, *args, **kwargs):
        return self._tolerate("add", False, *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._tolerate("set", None, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._tolerate("set_many", list(data), data, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._tolerate("touch", False, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._tolerate("delete", False, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._tolerate("delete_many", None, *args, **kwargs)
