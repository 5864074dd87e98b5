"""Fixtures of the operations tests: a real local S3-compatible server (moto's server mode),
local notification receivers, and the pipeline's world for end-to-end checks."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tests.operations.receivers import FakeJenkins, Receiver

REGION = "us-east-1"


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: Any  # a plain boto3 client: what an operator would use to look into the bucket

    def object_keys(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listed.get("Contents", []))


@pytest.fixture
def s3_bucket(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Bucket:
    """A fresh bucket; the standard AWS variables point every S3 client at the local server."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_REGION", REGION)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    name = f"vibe-{uuid.uuid4().hex[:12]}"
    client = boto3.session.Session().client("s3")
    client.create_bucket(Bucket=name)
    return Bucket(name, moto_endpoint, client)


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    server = await Receiver().start()
    try:
        yield server
    finally:
        if server.hang is not None:
            server.hang.set()
        await server.close()


@pytest.fixture
async def jenkins() -> AsyncIterator[FakeJenkins]:
    server = await FakeJenkins().start()
    try:
        yield server
    finally:
        await server.close()
