"""Test settings: fast hashing, in-memory cache, media in a temporary folder."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("HTTPS", "off")  # the test client speaks plain HTTP

from kennisbank.config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Connections close after each request: the test database can be dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Whatever CACHE_URL says; tests/test_shared_cache.py runs the shared caches in processes of
# their own.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# Pages kept for visitors without a session, as in production (DEBUG or not): every test that
# changes content and then looks as a visitor checks that the change retires what was kept.
PAGE_CACHE_SECONDS = 300
MEDIA_ROOT = tempfile.mkdtemp(prefix="kennisbank-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="kennisbank-test-static-")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Documents are read at once, so tests see their text without a worker.
TASKS = {
    alias: {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    for alias in ("default", "background")
}
# Words alone, unless a test of the semantic side turns it on: each process would load the
# model (1 s, 35 MB) and every publish embed at once.
SEARCH_SEMANTIC = False
# The engine's index in memory where Linux offers it: a commit's flush to disk costs a tenth of
# a second. Each test gets a folder of its own (tests/conftest.py).
SEARCH_INDEX_ROOT = tempfile.mkdtemp(
    prefix="kennisbank-test-search-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
)
SEARCH_INDEX_DIR = os.path.join(SEARCH_INDEX_ROOT, "index")
