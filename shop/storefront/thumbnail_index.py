"""sorl-thumbnail's index of made thumbnails: this process's memory, then the shared cache, then the database.

A rendered product page asks the index 48 times (every picture at every width). From
Redis that is 48 round trips; from memory none. Behind the memory tier the shared
cache still serves a cold process (after a deploy) what the worker or another web
machine already made, so the database is asked only when Redis has lost it. An entry
never changes for a given picture and geometry (a new upload gets a new file name), and
only found entries are kept in memory, so a process's copy cannot be wrong.
"""

from django.core.cache import caches
from sorl.thumbnail.kvstores import cached_db_kvstore

MEMORY_CACHE = "thumbnails"  # settings.CACHES: a local-memory cache of each process


class KVStore(cached_db_kvstore.KVStore):
    @property
    def memory(self):
        return caches[MEMORY_CACHE]

    def _get_raw(self, key):
        value = self.memory.get(key)
        if value is None:
            value = super()._get_raw(key)
            if value is not None:
                self.memory.set(key, value, None)
        return value

    def _set_raw(self, key, value):
        super()._set_raw(key, value)
        self.memory.set(key, value, None)

    def _delete_raw(self, *keys):
        super()._delete_raw(*keys)
        self.memory.delete_many(keys)

    def clear(self, delete_thumbnails=False):
        super().clear(delete_thumbnails)
        self.memory.clear()
