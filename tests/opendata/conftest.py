from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def opendata_dir(tmp_path: Path, settings: Any) -> Path:
    directory = tmp_path / "opendata"
    settings.OPENDATA_DIR = directory
    return directory
