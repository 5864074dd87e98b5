"""The dashboard's server and data (tests/dashboard/conftest.py), with octo/app's code indexed
and the fake language model configured; the pipeline's receiver and worker fixtures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jobs.flows.ask import index_code
from tests.dashboard.conftest import (  # noqa: F401  (fixtures shared with the dashboard tests)
    Dashboard,
    Origin,
    dashboard,
    origin,
    problem,
)
from tests.fakes.llm import FakeLLM
from tests.pipeline.conftest import (  # noqa: F401  (fixtures shared with the pipeline tests)
    worker_options,
    worker_settings,
)

MODEL = "openai/fake-model"


@pytest.fixture
def dashboard_settings(fake_llm: FakeLLM) -> dict[str, Any]:
    return fake_llm.settings_for(MODEL)


@pytest.fixture
async def indexed(dashboard: Dashboard, origin: Origin) -> str:  # noqa: F811
    """octo/app (repository 101) indexed at its head; the head sha."""
    assert origin.head is not None
    path = origin.repo.path
    await index_code(
        dashboard.context.pool, Path(path), repository_id=101, full_name="octo/app", sha=origin.head
    )
    return origin.head
