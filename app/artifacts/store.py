"""The choice of artifact backend from settings: the local directory or an S3-compatible bucket."""

from __future__ import annotations

from urllib.parse import urlsplit

from app.artifacts.base import ArtifactError, ArtifactStore
from app.settings import Settings


def open_artifact_store(settings: Settings) -> ArtifactStore:
    """The configured backend: S3 for ``s3://bucket/prefix``, else the local directory."""
    url = settings.artifacts_url
    if not url:
        from app.artifacts.local import LocalArtifactStore

        return LocalArtifactStore(settings.data_dir / "artifacts")
    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.netloc:
        raise ArtifactError(
            f"VIBE_ARTIFACTS_URL={url!r}: give s3://BUCKET/PREFIX (endpoint and credentials "
            "come from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), "
            "or leave it unset for VIBE_DATA_DIR/artifacts"
        )
    from app.artifacts.s3 import S3ArtifactStore

    return S3ArtifactStore(bucket=parts.netloc, prefix=parts.path.strip("/"))
