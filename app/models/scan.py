"""The scanner's report: what a repository is made of. This is the documented JSON of
``vibe scan --format json`` (under ``scan``), so fields are only ever added, never renamed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Ecosystem = Literal[
    "pypi", "npm", "go", "cargo", "maven", "gradle", "rubygems", "composer", "nuget", "hex", "pub"
]
DependencyScope = Literal["runtime", "dev", "optional", "build", "test"]
SkipReason = Literal["symlink", "too-large", "binary", "unreadable", "special-file"]


class LanguageStats(BaseModel):
    """Files and lines of one language; vendored, generated and binary files are not counted."""

    language: str
    files: int = 0
    lines: int = 0
    bytes: int = 0


class Dependency(BaseModel):
    """One dependency declared in a manifest (``direct``) or only present in a lock file."""

    name: str
    ecosystem: Ecosystem
    version_spec: str | None = Field(
        default=None, description="The requirement as written, e.g. '>=2.0,<3'."
    )
    resolved_version: str | None = Field(
        default=None, description="The exact version a lock file pins, when one does."
    )
    scope: DependencyScope = "runtime"
    direct: bool = True
    manifest: str = Field(description="Path of the file that declares it, relative to the root.")
    line: int | None = Field(default=None, ge=1, description="1-based line in that file.")
    group: str | None = Field(
        default=None, description="Extra / optional group / dependency group name, if any."
    )


class Manifest(BaseModel):
    """A dependency manifest or lock file that the scanner recognised and parsed."""

    path: str
    ecosystem: Ecosystem
    kind: Literal["manifest", "lockfile"]
    dependencies: int = 0


class Evidence(BaseModel):
    """Why the scanner believes something: the file (and line) that said so."""

    path: str
    line: int | None = None
    detail: str = ""


class Framework(BaseModel):
    """A framework or tool inferred from dependencies or files."""

    name: str
    category: Literal[
        "web", "frontend", "mobile", "test", "lint", "format", "typecheck", "build", "orm", "other"
    ]
    evidence: list[Evidence] = Field(default_factory=list)


class DeclaredTests(BaseModel):
    """Test code a project declares to its test runner: pytest's ``testpaths``, Jest's
    ``testMatch`` (under its ``roots``), Vitest's ``test.include``. ``pattern`` is
    gitignore-style, from the repository root (``/integration``, ``/web/**/*.e2e.ts``)."""

    pattern: str
    framework: str
    path: str = Field(description="The file that declares it.")
    line: int | None = Field(default=None, ge=1)


class Infrastructure(BaseModel):
    """Infrastructure-as-code or CI found in the tree, e.g. ``GitHub Actions`` or ``Dockerfile``."""

    name: str
    category: Literal["container", "orchestration", "iac", "ci"]
    paths: list[str] = Field(default_factory=list)


class License(BaseModel):
    """A licence recognised from a licence file's text or from manifest metadata."""

    spdx_id: str
    path: str
    source: Literal["file", "manifest"]
    confidence: float = Field(ge=0.0, le=1.0, default=1.0)


class HealthPart(BaseModel):
    """One ingredient of the health score, shown so a user can see why the score is what it is."""

    name: str
    weight: float = Field(ge=0.0)
    score: float = Field(ge=0.0, le=1.0)
    detail: str


class Health(BaseModel):
    score: float = Field(ge=0.0, le=1.0, description="Weighted mean of the parts, two decimals.")
    parts: list[HealthPart] = Field(default_factory=list)


class ScanWarning(BaseModel):
    """Something that could not be read or parsed; the scan goes on without it."""

    path: str
    line: int | None = None
    message: str


class SkippedFile(BaseModel):
    path: str
    reason: SkipReason
    detail: str = ""


class FileCounts(BaseModel):
    total: int = 0
    counted: int = Field(default=0, description="Files that went into the language statistics.")
    vendored: int = 0
    generated: int = 0
    binary: int = 0
    ignored: int = Field(default=0, description="Files excluded by .gitignore.")
    skipped: int = 0


class ScanReport(BaseModel):
    root: str
    files: FileCounts = Field(default_factory=FileCounts)
    languages: list[LanguageStats] = Field(default_factory=list)
    manifests: list[Manifest] = Field(default_factory=list)
    dependencies: list[Dependency] = Field(default_factory=list)
    frameworks: list[Framework] = Field(default_factory=list)
    declared_tests: list[DeclaredTests] = Field(
        default_factory=list,
        description="Test code the test runners' configuration names, beyond the usual "
        "names (tests/, test_*.py, *.spec.ts …).",
    )
    infrastructure: list[Infrastructure] = Field(default_factory=list)
    licenses: list[License] = Field(default_factory=list)
    license: str | None = Field(
        default=None, description="The project's licence as an SPDX expression, if recognised."
    )
    health: Health = Field(default_factory=lambda: Health(score=0.0))
    warnings: list[ScanWarning] = Field(default_factory=list)
    skipped: list[SkippedFile] = Field(default_factory=list)
    duration_seconds: float = 0.0
