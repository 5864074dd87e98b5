"""The model path against the fake OpenAI-compatible server: prose from the model, retries,
the fallback chain, the offline writer as the last link, the cache and the token budget."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from app.agents.docs.agent import DocsOptions
from app.agents.docs.model import ModelConfig
from app.agents.docs.store import FileCompletionCache, FileTokenBudget, MemoryTokenBudget
from tests.fakes.llm import API_KEY, FakeLLM

from .helpers import edit_of, run_docs

USAGE = "Run `inventory --help` to see the commands."
PROSE = json.dumps(
    {
        "usage": USAGE,
        "configuration": "Set `INVENTORY_DB` to choose the database file.",
        "testing": "Run `make test`.",
    }
)


def config(fake: FakeLLM, *models: str, **overrides: object) -> DocsOptions:
    settings: dict[str, object] = {
        "models": models or ("openai/fake-model",),
        "api_base": fake.api_base,
        "api_key": API_KEY,
        "timeout": 5.0,
        "num_retries": 0,
    }
    settings.update(overrides)
    return DocsOptions(model=ModelConfig(**settings), docstrings=False)  # type: ignore[arg-type]


async def test_the_model_writes_the_prose_from_a_prompt_made_of_facts(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_next(PROSE)

    result = await run_docs(project, config(fake_llm))

    readme = edit_of(result, "README.md")
    assert f"## Usage\n\n{USAGE}\n" in readme
    assert "Set `INVENTORY_DB` to choose the database file." in readme
    assert "## Tech stack\n\n- Python (>=3.11)" in readme  # not in the answer: offline text
    [request] = fake_llm.requests
    assert request.model == "fake-model"
    assert '"INVENTORY_DB"' in request.prompt and "inventory.cli:main" in request.prompt
    assert "Open an issue first, please." in request.prompt  # the README's own text
    assert request.body["temperature"] == 0
    assert result.summary.writer == "openai/fake-model"
    assert result.summary.tokens_used > 0


async def test_a_rate_limited_request_is_retried(project: Path, fake_llm: FakeLLM) -> None:
    fake_llm.fail_next(2, status=429, retry_after=0)
    fake_llm.reply_next(PROSE)

    result = await run_docs(project, config(fake_llm, num_retries=2))

    assert USAGE in edit_of(result, "README.md")
    assert fake_llm.attempts == 3
    assert [call.outcome for call in result.summary.calls] == ["ok"]


async def test_a_failing_model_falls_back_to_the_next_in_the_chain(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.fail_next(1, status=500)
    fake_llm.reply_next(PROSE)

    result = await run_docs(project, config(fake_llm, "openai/primary", "openai/fallback"))

    assert USAGE in edit_of(result, "README.md")
    assert [(c.model, c.outcome) for c in result.summary.calls] == [
        ("openai/primary", "failed"),
        ("openai/fallback", "ok"),
    ]
    assert "InternalServerError" in result.summary.calls[0].detail
    assert [request.model for request in fake_llm.requests] == ["fallback"]


async def test_a_model_that_times_out_falls_back(project: Path, fake_llm: FakeLLM) -> None:
    fake_llm.delay_next(3.0)
    fake_llm.reply_next(PROSE)

    result = await run_docs(project, config(fake_llm, "openai/slow", "openai/quick", timeout=0.5))

    assert USAGE in edit_of(result, "README.md")
    assert [(c.model, c.outcome) for c in result.summary.calls] == [
        ("openai/slow", "failed"),
        ("openai/quick", "ok"),
    ]
    assert "Timeout" in result.summary.calls[0].detail


async def test_when_every_model_fails_the_offline_writer_has_the_last_word(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.fail_next(2, status=500)
    offline = await run_docs(project)

    result = await run_docs(project, config(fake_llm, "openai/one", "openai/two"))

    assert edit_of(result, "README.md") == edit_of(offline, "README.md")
    assert [c.outcome for c in result.summary.calls] == ["failed", "failed"]
    assert result.summary.writer == "offline"


async def test_a_request_without_the_api_key_is_refused_and_written_offline(
    project: Path, fake_llm: FakeLLM
) -> None:
    result = await run_docs(project, config(fake_llm, api_key="sk-wrong"))

    assert "AuthenticationError" in result.summary.calls[0].detail
    assert fake_llm.requests == []
    assert "`inventory --help`: the `inventory` command" in edit_of(result, "README.md")


async def test_an_answer_that_is_not_the_json_asked_for_goes_down_the_chain(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_next("Sure! Here is your README.", PROSE)

    result = await run_docs(project, config(fake_llm, "openai/chatty", "openai/strict"))

    assert USAGE in edit_of(result, "README.md")
    assert [(c.model, c.outcome) for c in result.summary.calls] == [
        ("openai/chatty", "failed"),
        ("openai/strict", "ok"),
    ]


async def test_sentences_naming_what_does_not_exist_are_dropped_and_counted(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_next(
        json.dumps(
            {
                "usage": f"{USAGE} Start the server with `npm run serve`.",
                "configuration": "Set `INVENTORY_DB` to a path. Set `REDIS_URL` for caching.",
                "testing": "Run `make test`. See `tests/test_api.py` for examples.",
            }
        )
    )

    result = await run_docs(project, config(fake_llm))

    readme = edit_of(result, "README.md")
    assert USAGE in readme and "npm run serve" not in readme
    assert "Set `INVENTORY_DB` to a path." in readme and "REDIS_URL" not in readme
    assert "test_api.py" not in readme
    assert result.summary.dropped_sentences == 3
    assert "Start the server with `npm run serve`." in result.summary.dropped_examples


async def test_the_same_inputs_are_answered_from_the_cache_without_a_second_call(
    project: Path, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    cache = FileCompletionCache(tmp_path / "cache")
    fake_llm.reply_next(PROSE)
    first = await run_docs(project, config(fake_llm), cache=cache)

    second = await run_docs(project, config(fake_llm), cache=cache)

    assert len(fake_llm.requests) == 1
    assert edit_of(second, "README.md") == edit_of(first, "README.md")
    assert [c.outcome for c in second.summary.calls] == ["cached"]
    assert second.summary.tokens_used == 0


async def test_a_cached_answer_of_a_fallback_spares_the_primary_a_call(
    project: Path, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    cache = FileCompletionCache(tmp_path / "cache")
    fake_llm.fail_next(1, status=500)
    fake_llm.reply_next(PROSE)
    chain = config(fake_llm, "openai/primary", "openai/fallback")
    await run_docs(project, chain, cache=cache)
    attempts = fake_llm.attempts

    result = await run_docs(project, chain, cache=cache)

    assert fake_llm.attempts == attempts
    assert [(c.model, c.outcome) for c in result.summary.calls] == [("openai/fallback", "cached")]


async def test_a_changed_model_is_not_served_another_models_answer(
    project: Path, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    cache = FileCompletionCache(tmp_path / "cache")
    fake_llm.reply_next(PROSE, PROSE)
    await run_docs(project, config(fake_llm, "openai/one"), cache=cache)

    await run_docs(project, config(fake_llm, "openai/two"), cache=cache)

    assert [request.model for request in fake_llm.requests] == ["one", "two"]


async def test_a_spent_daily_budget_means_no_call_and_offline_text(
    project: Path, fake_llm: FakeLLM
) -> None:
    budget = MemoryTokenBudget(daily_limit=100)

    result = await run_docs(project, config(fake_llm), budget=budget)

    assert fake_llm.attempts == 0
    assert [c.outcome for c in result.summary.calls] == ["over-budget"]
    assert "`inventory --help`: the `inventory` command" in edit_of(result, "README.md")


async def test_usage_reported_by_the_server_is_charged_to_the_installation(
    project: Path, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    budget = FileTokenBudget(tmp_path / "usage.json", daily_limit=1_000_000)
    fake_llm.reply_next(PROSE)

    result = await run_docs(project, config(fake_llm, installation_id=42), budget=budget)

    used = await budget.used_today(42)
    assert used == result.summary.tokens_used > 0
    assert await budget.remaining(42) == 1_000_000 - used
    assert await budget.used_today(7) == 0


async def test_the_model_writes_docstrings_that_are_applied(
    project: Path, fake_llm: FakeLLM
) -> None:
    fake_llm.reply_next(
        PROSE,
        json.dumps(
            {
                "Store.add_item": "Add count units of an item and return its new level",
                "is_low": "Tell whether a stock level is below the reorder threshold.",
                "Store.total_count": "Return the total count.",
                "main": "Run the command; see `ghost_module.py`.",
            }
        ),
    )
    options = config(fake_llm)
    options = DocsOptions(model=options.model, docstrings=True)

    result = await run_docs(project, options)

    store = edit_of(result, "inventory/store.py")
    assert '"""Add count units of an item and return its new level."""' in store
    assert '"""Tell whether a stock level is below the reorder threshold."""' in store
    # Restating its name: the offline suggestion, made of what the code does, is kept instead.
    assert '"""Return ``sum(self.levels.values())``."""' in store
    assert "total count." not in store
    # Ungrounded, and the offline generator has nothing to say about ``main``: left alone.
    assert "inventory/cli.py" not in {edit.path for edit in result.edits}
    assert result.summary.dropped_sentences == 1
    docstring_prompt = fake_llm.requests[1].prompt
    assert "### Store.add_item (inventory/store.py)" in docstring_prompt


async def test_the_prompt_carries_code_only_as_far_as_the_token_budget_allows(
    project: Path, fake_llm: FakeLLM
) -> None:
    lines = [f"STEP_{n} = {n}  # step number {n} of the start-up sequence" for n in range(60)]
    (project / "inventory" / "__main__.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fake_llm.reply_next(PROSE, PROSE)
    await run_docs(project, config(fake_llm, "openai/roomy", max_prompt_tokens=6000))
    await run_docs(project, config(fake_llm, "openai/tight", max_prompt_tokens=1100))

    roomy, tight = fake_llm.requests
    assert "STEP_59 = 59" in roomy.prompt
    assert "STEP_59 = 59" not in tight.prompt
    assert '"INVENTORY_DB"' in tight.prompt  # the facts always go
    counted = litellm_token_count(tight.body["messages"])
    assert counted <= 1100 < litellm_token_count(roomy.body["messages"])


def litellm_token_count(messages: list[dict[str, str]]) -> int:
    from app.agents.docs.model import load_litellm

    return int(load_litellm().token_counter(model="openai/tight", messages=messages))


def test_litellm_loads_and_counts_tokens_without_touching_the_network() -> None:
    probe = textwrap.dedent(
        """
        import os, socket
        os.environ.pop("LITELLM_LOCAL_MODEL_COST_MAP", None)
        hosts = []
        def refuse(host, *args, **kwargs):
            hosts.append(host)
            raise OSError("no network in this test")
        socket.getaddrinfo = refuse
        from app.agents.docs.model import load_litellm
        litellm = load_litellm()
        for model in ("hosted_vllm/meta-llama/Llama-3-8B-Instruct", "ollama/llama-2", "x/y"):
            assert litellm.token_counter(model=model, text="hello world") > 0
        print(hosts)
        """
    )

    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )

    assert completed.stdout.strip() == "[]"
