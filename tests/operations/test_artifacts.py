"""The artifact store: the local directory and an S3 bucket on a real local S3-compatible server
(moto's server mode), through the same interface."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.artifacts import ArtifactError, ArtifactStore, open_artifact_store
from app.artifacts.base import CHUNK_SIZE
from app.artifacts.local import LocalArtifactStore
from app.artifacts.s3 import S3ArtifactStore
from tests.operations.conftest import Bucket
from tests.services import make_settings


@pytest.fixture(params=["local", "s3"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ArtifactStore:
    if request.param == "local":
        return open_artifact_store(make_settings(data_dir=tmp_path))
    bucket: Bucket = request.getfixturevalue("s3_bucket")
    return open_artifact_store(make_settings(artifacts_url=f"s3://{bucket.name}/vibe/prod"))


async def test_a_stored_object_reads_back_lists_by_prefix_and_deletes(store: ArtifactStore) -> None:
    info = await store.put_bytes("sarif/101/abc.sarif.json", b'{"runs": []}', "application/json")
    await store.put_bytes("sarif/102/def.sarif.json", b"{}")
    await store.put_bytes("reports/101/abc.json", b"[]")

    assert info.size == len(b'{"runs": []}')
    assert await store.get_bytes("sarif/101/abc.sarif.json") == b'{"runs": []}'
    assert [i.key for i in await store.list("sarif/")] == [
        "sarif/101/abc.sarif.json",
        "sarif/102/def.sarif.json",
    ]
    assert [i.key for i in await store.list("reports/")] == ["reports/101/abc.json"]
    stat = await store.stat("reports/101/abc.json")
    assert stat is not None and stat.size == 2

    assert await store.delete("sarif/101/abc.sarif.json") is True
    assert await store.delete("sarif/101/abc.sarif.json") is False
    assert await store.stat("sarif/101/abc.sarif.json") is None
    with pytest.raises(ArtifactError, match=r"sarif/101/abc\.sarif\.json is not in the"):
        await store.get_bytes("sarif/101/abc.sarif.json")


async def test_a_large_file_goes_in_and_comes_out_in_bounded_chunks(
    store: ArtifactStore, tmp_path: Path
) -> None:
    size = 2 * CHUNK_SIZE + 12345
    source = tmp_path / "big.jsonl.gz"
    source.write_bytes(os.urandom(size))

    info = await store.put_file("archive/deliveries/2026-01-01/big.jsonl.gz", source)

    assert info.size == size
    chunks = [c async for c in store.stream("archive/deliveries/2026-01-01/big.jsonl.gz")]
    assert len(chunks) >= 3 and max(len(c) for c in chunks) <= CHUNK_SIZE
    assert b"".join(chunks) == source.read_bytes()


@pytest.mark.parametrize("key", ["../escape", "/abs/path", "a//b", "a/./b", "spaces in/key", ""])
async def test_a_key_that_could_escape_the_store_is_refused(store: ArtifactStore, key: str) -> None:
    with pytest.raises(ArtifactError, match="is invalid"):
        await store.put_bytes(key, b"x")


async def test_the_s3_backend_writes_under_the_prefix_of_the_configured_bucket(
    s3_bucket: Bucket,
) -> None:
    store = open_artifact_store(make_settings(artifacts_url=f"s3://{s3_bucket.name}/team/a"))
    assert isinstance(store, S3ArtifactStore)

    await store.put_bytes("sarif/1/x.sarif.json", b"{}", "application/sarif+json")

    # What an operator finds with their own S3 tools.
    assert s3_bucket.object_keys() == ["team/a/sarif/1/x.sarif.json"]
    head = s3_bucket.client.head_object(Bucket=s3_bucket.name, Key="team/a/sarif/1/x.sarif.json")
    assert head["ContentType"] == "application/sarif+json"


async def test_a_missing_bucket_is_an_error_naming_the_bucket_not_the_credentials(
    s3_bucket: Bucket,
) -> None:
    store = open_artifact_store(make_settings(artifacts_url="s3://no-such-bucket-here/x"))

    with pytest.raises(ArtifactError) as raised:
        await store.put_bytes("sarif/1/x.json", b"{}")

    assert "s3://no-such-bucket-here/x/" in str(raised.value)
    assert "testing" not in str(raised.value)


def test_the_local_store_is_the_default_and_a_bad_url_names_the_variable(tmp_path: Path) -> None:
    store = open_artifact_store(make_settings(data_dir=tmp_path))
    assert isinstance(store, LocalArtifactStore) and store.root == tmp_path / "artifacts"

    with pytest.raises(ArtifactError, match="VIBE_ARTIFACTS_URL"):
        open_artifact_store(make_settings(artifacts_url="gs://bucket/x"))
