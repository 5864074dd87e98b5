"""Artifact storage: SARIF files, full scan reports and archives, behind one small interface.

``open_artifact_store(settings)`` gives the local store under ``VIBE_DATA_DIR/artifacts`` by
default, or an S3-compatible bucket when ``VIBE_ARTIFACTS_URL=s3://bucket/prefix`` (endpoint and
credentials from the standard AWS variables: ``AWS_ENDPOINT_URL``, ``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_REGION``...). The S3 client is imported only then.
"""

from __future__ import annotations

from app.artifacts.base import ArtifactError, ArtifactInfo, ArtifactStore, validate_key
from app.artifacts.store import open_artifact_store

__all__ = ["ArtifactError", "ArtifactInfo", "ArtifactStore", "open_artifact_store", "validate_key"]
