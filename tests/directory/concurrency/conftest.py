"""Concurrency tests use several database connections, hence transactional tests (the
database is flushed after each one): the reference data is put back as for browser tests."""

from tests.browser.conftest import (  # noqa: F401  (fixtures)
    _reference_data,
    _reference_data_after_module,
    _reference_snapshot,
)
