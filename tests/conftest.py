import pytest

from tests.fixture_records import build


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """A data folder holding the fixture records and their index (read-only for tests)."""
    folder = tmp_path_factory.mktemp("archive")
    build(folder)
    return folder


@pytest.fixture
def fresh_archive(tmp_path):
    """A data folder of one's own, for tests that write."""
    build(tmp_path)
    return tmp_path
