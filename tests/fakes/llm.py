"""A fake OpenAI-compatible chat server (the API vLLM, Ollama and LiteLLM's ``openai/`` provider
speak), for the docs agent's model path.

It serves ``POST /v1/chat/completions`` with the real request and response shapes, answers 401
without ``Authorization: Bearer …`` and 400 for a body the real API would reject, and records
every request it accepted. Switches make the next requests fail (429 with ``Retry-After``, 500)
or answer late (to trip the client's timeout). With ``"stream": true`` it answers
``text/event-stream`` chunks in OpenAI's format (``chat.completion.chunk`` deltas, a usage chunk
when ``stream_options.include_usage``, then ``data: [DONE]``); switches delay the first token
and make the stream malformed (a ``data:`` line that is not JSON). It runs on its own
thread's event loop, so a test may call the synchronous or the asynchronous client against it.

Fixture: ``fake_llm`` (a started :class:`FakeLLM`; ``fake_llm.api_base`` ends in ``/v1``).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from pydantic import SecretStr

API_KEY = "sk-fake-test-key"
DEFAULT_REPLY = "A fake reply."
MALFORMED_JSON = '{"summary": "Looks good", "comments": [{"path": "app.py", "line": '

Replier = Callable[[dict[str, Any]], str]


@dataclass(frozen=True)
class RecordedRequest:
    """One accepted request: its JSON body and headers."""

    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def model(self) -> str:
        return str(self.body["model"])

    @property
    def prompt(self) -> str:
        """All message contents, joined: what a test searches for a fact it expects to be sent."""
        return "\n".join(str(message.get("content", "")) for message in self.body["messages"])


@dataclass
class _Failure:
    status: int
    retry_after: float | None
    message: str | None = None  # the error's message; None: OpenAI's wording for the status


@dataclass
class FakeLLM:
    """The server's state; switches are safe to call from the test's thread."""

    api_key: str = API_KEY
    requests: list[RecordedRequest] = field(default_factory=list)
    attempts: int = 0
    replier: Replier | None = None
    _failures: deque[_Failure] = field(default_factory=deque)
    _delays: deque[float] = field(default_factory=deque)
    _replies: deque[str] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    base_url: str = ""
    # Seconds before the first streamed token of every streaming request (the model's TTFT).
    first_token_delay: float = 0.0
    _malformed_streams: int = 0

    @property
    def api_base(self) -> str:
        return self.base_url + "/v1"

    def settings_for(self, model: str) -> dict[str, Any]:
        """The ``Settings`` fields that send ``model``'s calls here (for ``model_copy``)."""
        return {
            "llm_model": model,
            "llm_api_base": self.api_base,
            "llm_api_key": SecretStr(API_KEY),
        }

    def fail_next(
        self,
        count: int = 1,
        *,
        status: int = 500,
        retry_after: float | None = None,
        message: str | None = None,
    ) -> None:
        """The next ``count`` requests get ``status`` (429 carries ``Retry-After`` if given),
        with ``message`` as the error's message when given."""
        with self._lock:
            self._failures.extend(_Failure(status, retry_after, message) for _ in range(count))

    def delay_next(self, seconds: float, count: int = 1) -> None:
        """The next ``count`` requests are answered only after ``seconds``."""
        with self._lock:
            self._delays.extend(seconds for _ in range(count))

    def reply_next(self, *contents: str) -> None:
        """Scripted assistant contents for the next successful requests, in order."""
        with self._lock:
            self._replies.extend(contents)

    def malformed_next(self, count: int = 1) -> None:
        """The next ``count`` successful requests answer 200 with JSON cut off mid-object, as a
        model that hit its token limit does."""
        self.reply_next(*(MALFORMED_JSON for _ in range(count)))

    def malformed_stream_next(self, count: int = 1) -> None:
        """The next ``count`` streaming requests answer 200 with a chunk that is not JSON."""
        with self._lock:
            self._malformed_streams += count

    def _take_malformed_stream(self) -> bool:
        with self._lock:
            if self._malformed_streams:
                self._malformed_streams -= 1
                return True
            return False

    def _next_failure(self) -> _Failure | None:
        with self._lock:
            return self._failures.popleft() if self._failures else None

    def _next_delay(self) -> float:
        with self._lock:
            return self._delays.popleft() if self._delays else 0.0

    def _next_reply(self, body: dict[str, Any]) -> str:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
        if self.replier is not None:
            return self.replier(body)
        return DEFAULT_REPLY

    async def handle(self, request: web.Request) -> web.Response:
        with self._lock:
            self.attempts += 1
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return _error(401, "Incorrect API key provided.", "invalid_request_error")
        try:
            body = await request.json()
        except json.JSONDecodeError:
            return _error(400, "We could not parse the JSON body of your request.")
        problem = _invalid(body)
        if problem is not None:
            return _error(400, problem)
        delay = self._next_delay()
        if delay:
            await asyncio.sleep(delay)  # deliberate: the client's timeout must fire first
        failure = self._next_failure()
        if failure is not None:
            return _failure_response(failure)
        self.requests.append(RecordedRequest(body, dict(request.headers)))
        if body.get("stream"):
            return await self._stream(request, body)
        return web.json_response(self._completion(body, self._next_reply(body)))

    async def _stream(self, request: web.Request, body: dict[str, Any]) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        if self.first_token_delay:
            await asyncio.sleep(self.first_token_delay)  # deliberate: the model's own TTFT
        chunk_id = f"chatcmpl-fake{next(self._ids)}"
        if self._take_malformed_stream():
            await response.write(
                b'data: {"id": "' + chunk_id.encode() + b'", "choices": [{"del\n\n'
            )
            await response.write(b"data: [DONE]\n\n")
            return response
        content = self._next_reply(body)
        for piece in re.findall(r"\S+\s*|\s+", content):
            await response.write(_sse(self._chunk(chunk_id, body, {"content": piece}, None)))
        await response.write(_sse(self._chunk(chunk_id, body, {}, "stop")))
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = self._completion(body, content)["usage"]
            await response.write(
                _sse({**self._chunk(chunk_id, body, {}, None), "choices": [], "usage": usage})
            )
        await response.write(b"data: [DONE]\n\n")
        return response

    def _chunk(
        self, chunk_id: str, body: dict[str, Any], delta: dict[str, str], finish: str | None
    ) -> dict[str, Any]:
        return {
            "id": chunk_id,
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": body["model"],
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "delta": {"role": "assistant", **delta},
                    "logprobs": None,
                    "finish_reason": finish,
                }
            ],
        }

    def _completion(self, body: dict[str, Any], content: str) -> dict[str, Any]:
        prompt_tokens = sum(len(str(m.get("content", "")).split()) for m in body["messages"])
        completion_tokens = len(content.split())
        return {
            "id": f"chatcmpl-fake{next(self._ids)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "system_fingerprint": "fp_fake",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        }


def _invalid(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "The request body must be a JSON object."
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "you must provide a model parameter"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty array"
    for index, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in {
            "system",
            "user",
            "assistant",
            "tool",
            "developer",
        }:
            return f"Invalid value for 'messages[{index}].role'."
        if not isinstance(message.get("content"), str):
            return f"Invalid type for 'messages[{index}].content': expected a string."
    if "stream_options" in body and not isinstance(body["stream_options"], dict):
        return "Invalid type for 'stream_options': expected an object."
    if body.get("stream_options") and not body.get("stream"):
        return "The 'stream_options' parameter is only allowed when 'stream' is enabled."
    return None


def _sse(chunk: dict[str, Any]) -> bytes:
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"


def _error(status: int, message: str, kind: str = "invalid_request_error") -> web.Response:
    return web.json_response(
        {"error": {"message": message, "type": kind, "param": None, "code": None}}, status=status
    )


def _failure_response(failure: _Failure) -> web.Response:
    if failure.message is not None:
        return _error(failure.status, failure.message, "invalid_request_error")
    if failure.status == 429:
        response = _error(429, "Rate limit reached for requests", "requests")
        if failure.retry_after is not None:
            response.headers["Retry-After"] = f"{failure.retry_after:g}"
        return response
    return _error(
        failure.status, "The server had an error while processing your request.", "server_error"
    )


class _ServerThread:
    """The aiohttp app on 127.0.0.1, a random port, in a thread with its own loop."""

    def __init__(self, fake: FakeLLM) -> None:
        self.fake = fake
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fake-llm", daemon=True)
        self.runner: web.AppRunner | None = None

    def start(self) -> None:
        self.thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self.loop)
        port = future.result(timeout=10)
        self.fake.base_url = f"http://127.0.0.1:{port}"

    async def _start(self) -> int:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self.fake.handle)
        self.runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        return int(sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
        # A request held by delay_next whose client gave up is still waiting: end it.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    server = _ServerThread(fake)
    server.start()
    try:
        yield fake
    finally:
        server.stop()
