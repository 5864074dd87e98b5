"""Artifacts in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2...): ``s3://bucket/prefix``.

boto3 on worker threads: its client is thread-safe, and boto3 reads the standard AWS variables
itself (``AWS_ENDPOINT_URL`` for a non-AWS endpoint, ``AWS_ACCESS_KEY_ID`` /
``AWS_SECRET_ACCESS_KEY``, ``AWS_REGION``, profiles and instance roles). Uploads of files use
boto3's managed transfer (multipart past 8 MiB); downloads are read a chunk at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped,unused-ignore]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped,unused-ignore]

from app.artifacts.base import CHUNK_SIZE, ArtifactError, ArtifactInfo, validate_key

_MISSING = {"404", "NoSuchKey", "NotFound"}


class S3ArtifactStore:
    def __init__(self, *, bucket: str, prefix: str = "", client: Any = None) -> None:
        self.bucket = bucket
        self.prefix = f"{prefix.strip('/')}/" if prefix.strip("/") else ""
        self.description = f"bucket s3://{bucket}/{self.prefix}"
        self._client = client or boto3.session.Session().client("s3")

    def _object(self, key: str) -> str:
        return self.prefix + validate_key(key)

    def _failed(self, action: str, key: str, exc: Exception) -> ArtifactError:
        # botocore's messages name the operation and the error code, never the credentials.
        return ArtifactError(f"cannot {action} artifact {key} in the {self.description}: {exc}")

    async def _call(self, action: str, key: str, method: str, **kwargs: Any) -> Any:
        try:
            return await asyncio.to_thread(getattr(self._client, method), **kwargs)
        except (BotoCoreError, ClientError) as exc:
            raise self._failed(action, key, exc) from exc

    async def put_bytes(
        self, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo:
        await self._call(
            "store",
            key,
            "put_object",
            Bucket=self.bucket,
            Key=self._object(key),
            Body=data,
            ContentType=content_type,
        )
        return await self._stat_or_fail(key)

    async def put_file(
        self, key: str, path: Path, content_type: str = "application/octet-stream"
    ) -> ArtifactInfo:
        await self._call(
            "store",
            key,
            "upload_file",
            Filename=str(path),
            Bucket=self.bucket,
            Key=self._object(key),
            ExtraArgs={"ContentType": content_type},
        )
        return await self._stat_or_fail(key)

    async def _stat_or_fail(self, key: str) -> ArtifactInfo:
        info = await self.stat(key)
        if info is None:
            raise ArtifactError(f"artifact {key} vanished from the {self.description}")
        return info

    async def get_bytes(self, key: str) -> bytes:
        return b"".join([chunk async for chunk in self.stream(key)])

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        try:
            response = await asyncio.to_thread(
                self._client.get_object, Bucket=self.bucket, Key=self._object(key)
            )
        except ClientError as exc:
            if _code(exc) in _MISSING:
                raise ArtifactError(f"artifact {key} is not in the {self.description}") from None
            raise self._failed("read", key, exc) from exc
        except BotoCoreError as exc:
            raise self._failed("read", key, exc) from exc
        body = response["Body"]
        try:
            while chunk := await asyncio.to_thread(body.read, CHUNK_SIZE):
                yield chunk
        finally:
            body.close()

    async def stat(self, key: str) -> ArtifactInfo | None:
        try:
            head = await asyncio.to_thread(
                self._client.head_object, Bucket=self.bucket, Key=self._object(key)
            )
        except ClientError as exc:
            if _code(exc) in _MISSING:
                return None
            raise self._failed("inspect", key, exc) from exc
        except BotoCoreError as exc:
            raise self._failed("inspect", key, exc) from exc
        return ArtifactInfo(key, int(head["ContentLength"]), head["LastModified"])

    async def delete(self, key: str) -> bool:
        if await self.stat(key) is None:
            return False
        await self._call("delete", key, "delete_object", Bucket=self.bucket, Key=self._object(key))
        return True

    async def list(self, prefix: str = "") -> list[ArtifactInfo]:
        def walk() -> list[ArtifactInfo]:
            paginator = self._client.get_paginator("list_objects_v2")
            found = []
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self.prefix + prefix):
                for item in page.get("Contents", []):
                    key = str(item["Key"])[len(self.prefix) :]
                    found.append(ArtifactInfo(key, int(item["Size"]), item["LastModified"]))
            return sorted(found, key=lambda info: info.key)

        try:
            return await asyncio.to_thread(walk)
        except (BotoCoreError, ClientError) as exc:
            raise self._failed("list", prefix or "(all)", exc) from exc


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
