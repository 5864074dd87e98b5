"""The Elasticsearch client we install speaks to the Elasticsearch we ship.

A 9.x client sends ``compatible-with=9`` on every request, which an 8.x server refuses with a
400 ``media_type_header_exception``. The fake refuses it the same way, so a client of the wrong
major fails every Elasticsearch test; and the client's major is tied here to the image of
``deploy/docker-compose.yml``, so the two cannot drift apart silently.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aiohttp
import elasticsearch
import pytest
import yaml
from elasticsearch import AsyncElasticsearch, BadRequestError

from tests.fakes.elasticsearch import DEFAULT_SERVER_MAJOR, FakeElasticsearch
from tests.fakes.elasticsearch import fake_elasticsearch as fake_elasticsearch  # the fixture

COMPOSE = Path(__file__).resolve().parents[2] / "deploy" / "docker-compose.yml"
V8 = "application/vnd.elasticsearch+json; compatible-with=8"
V7 = "application/vnd.elasticsearch+json; compatible-with=7"
V9 = "application/vnd.elasticsearch+json; compatible-with=9"
NDJSON_V8 = "application/vnd.elasticsearch+x-ndjson; compatible-with=8"
JSON = "application/json"


def shipped_server_major() -> int:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    image: str = compose["services"]["elasticsearch"]["image"]
    match = re.fullmatch(r"[^:]+:(\d+)\.\d+\.\d+", image)
    assert match, f"deploy/docker-compose.yml: no x.y.z tag on the Elasticsearch image {image}"
    return int(match.group(1))


def test_the_installed_client_has_the_major_of_the_shipped_server() -> None:
    server = shipped_server_major()
    installed = ".".join(str(part) for part in elasticsearch.__version__)
    assert elasticsearch.__version__[0] == server, (
        f"elasticsearch {installed} is installed but deploy/docker-compose.yml "
        f"runs Elasticsearch {server}.x: pin elasticsearch[async]>={server},<{server + 1}"
    )


def test_the_fake_runs_the_shipped_server_major() -> None:
    assert shipped_server_major() == DEFAULT_SERVER_MAJOR


async def test_the_installed_client_works_against_the_shipped_major(
    fake_elasticsearch: FakeElasticsearch,
) -> None:
    async with AsyncElasticsearch(fake_elasticsearch.url) as client:
        info = await client.info()
        await client.indices.create(index="compat")
        assert await client.indices.exists(index="compat")
        await client.bulk(operations=[{"index": {"_index": "compat", "_id": "1"}}, {"a": 1}])
        found = await client.search(index="compat", query={"match_all": {}})
    assert info["version"]["number"].startswith(f"{DEFAULT_SERVER_MAJOR}.")
    assert [hit["_id"] for hit in found["hits"]["hits"]] == ["1"]
    assert set(fake_elasticsearch.accept_versions) == {DEFAULT_SERVER_MAJOR}


async def test_a_client_asking_for_compatibility_with_9_gets_the_8x_refusal(
    fake_elasticsearch: FakeElasticsearch,
) -> None:
    # The headers a 9.x client puts on every request, sent by the installed one.
    headers = {"accept": V9, "content-type": V9}
    async with AsyncElasticsearch(fake_elasticsearch.url) as client:
        with pytest.raises(BadRequestError) as refused:
            await client.perform_request(
                "POST", "/any/_search", headers=headers, body={"query": {"match_all": {}}}
            )
    assert refused.value.status_code == 400
    assert refused.value.body == {
        "error": {
            "root_cause": [
                {
                    "type": "media_type_header_exception",
                    "reason": "Invalid media-type value on headers [Accept, Content-Type]",
                }
            ],
            "type": "media_type_header_exception",
            "reason": "Invalid media-type value on headers [Accept, Content-Type]",
            "caused_by": {
                "type": "status_exception",
                "reason": f"Accept version must be either version 8 or 7, but found 9. Accept={V9}",
            },
        },
        "status": 400,
    }


@pytest.mark.parametrize(
    ("accept", "content_type", "body", "refusal"),
    [
        (None, None, None, None),
        (JSON, JSON, b"{}", None),
        (V8, V8, b"{}", None),
        (V7, V7, b"{}", None),  # the major before is still served
        (V8, NDJSON_V8, b"{}", None),
        (V8, None, None, None),  # no body: Content-Type is not looked at
        (V9, None, None, "Accept version must be either version 8 or 7, but found 9"),
        (V9, V9, b"{}", "Accept version must be either version 8 or 7, but found 9"),
        (
            V8,
            V9,
            b"{}",
            "Content-Type version must be either version 8 or 7, but found 9",
        ),
        (V8, V7, b"{}", "and the compatible versions must match"),
        (V8, JSON, b"{}", "if either one has requested a compatible version. Accept="),
        (JSON, V8, b"{}", "if either one has requested a compatible version. Accept="),
    ],
)
async def test_the_fake_checks_media_types_as_elasticsearch_8_does(
    fake_elasticsearch: FakeElasticsearch,
    accept: str | None,
    content_type: str | None,
    body: bytes | None,
    refusal: str | None,
) -> None:
    headers = {
        name: value
        for name, value in (("Accept", accept), ("Content-Type", content_type))
        if value is not None
    }
    async with (
        aiohttp.ClientSession(skip_auto_headers=["Accept", "Content-Type"]) as session,
        session.post(f"{fake_elasticsearch.url}/", data=body, headers=headers) as response,
    ):
        answer = await response.json()
    if refusal is None:
        assert response.status == 200, answer
        assert answer["version"]["number"].startswith("8.")
    else:
        assert response.status == 400
        assert answer["error"]["type"] == "media_type_header_exception"
        assert refusal in answer["error"]["caused_by"]["reason"]
    assert response.headers["X-Elastic-Product"] == "Elasticsearch"


async def test_a_fake_of_a_9x_server_takes_9_and_8() -> None:
    fake = await FakeElasticsearch(server_major=9).start()
    try:
        async with aiohttp.ClientSession() as session:
            for version, status in ((9, 200), (8, 200), (7, 400), (10, 400)):
                accept = f"application/vnd.elasticsearch+json; compatible-with={version}"
                async with session.get(f"{fake.url}/", headers={"Accept": accept}) as response:
                    assert response.status == status, version
    finally:
        await fake.close()
