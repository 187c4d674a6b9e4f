"""Fixtures of the search tests."""

import pytest


@pytest.fixture(scope="session")
def osmem():
    osmem_server = pytest.importorskip(
        "osmem_server", reason="osmem-server is not installed: pip install -e '.[dev]'"
    )
    with osmem_server.OsmemServer.start(japanese=False) as server:
        yield server
