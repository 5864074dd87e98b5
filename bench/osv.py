"""Benchmark of the OSV store: importing a full database, and matching a large project.

    python bench/osv.py                      # builds bench/.data/osv/ (~200,000 records) once
    python bench/osv.py --records 50000 --runs 3
    python bench/osv.py --source DIR_OR_ZIP  # import real OSV archives instead

The synthetic set is shaped like OSV's per-ecosystem ``all.zip`` archives: one deflated JSON
record per advisory, ecosystems in roughly OSV's proportions, several advisories per popular
package, ECOSYSTEM and SEMVER ranges of one to three intervals, ``versions`` lists, CVSS vectors,
aliases, references and a paragraph of details. The project has 10,000 dependencies across
all ecosystems: a third of them have advisories, a fifth are requirements without a lock.

Goals: import >= 20,000 records/s, matching <= 1 s. Prints the median of the runs; each match
run opens the database afresh and starts with empty version caches. Import also prints records
per CPU-second (all processes), which holds still on a machine shared with other work.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.agents.vulns import ecosystems, match_dependencies
from app.agents.vulns.sources import iter_records
from app.agents.vulns.store import OsvDatabase
from app.models.scan import Dependency, Ecosystem

DATA = Path(__file__).resolve().parent / ".data" / "osv"
SHARE = {  # OSV ecosystem: (share of advisories, our ecosystem, distinct packages)
    "npm": (0.42, "npm", 30_000),
    "PyPI": (0.18, "pypi", 12_000),
    "Maven": (0.10, "maven", 6_000),
    "Go": (0.08, "go", 5_000),
    "Packagist": (0.06, "composer", 3_000),
    "crates.io": (0.05, "cargo", 2_500),
    "RubyGems": (0.04, "rubygems", 2_000),
    "NuGet": (0.04, "nuget", 2_000),
    "Hex": (0.015, "hex", 600),
    "Pub": (0.015, "pub", 600),
}
VECTORS = [
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
]
DETAILS = (
    "the parser allows remote attackers to cause a denial of service via crafted input "
    "when processing untrusted data which leads to memory exhaustion and arbitrary code "
    "execution in affected versions of the library before the fixed release"
)
WORDS = DETAILS.split(" ")


def package_name(ecosystem: str, index: int) -> str:
    if ecosystem == "Maven":
        return f"org.example{index % 97}:artifact-{index}"
    if ecosystem == "Go":
        return f"github.com/owner{index % 211}/module{index}"
    if ecosystem == "Packagist":
        return f"vendor{index % 131}/package-{index}"
    if ecosystem == "npm" and index % 5 == 0:
        return f"@scope{index % 53}/pkg-{index}"
    return f"package-{ecosystem.lower().replace('.', '-')}-{index}"


def version_text(ecosystem: str, major: int, minor: int, patch: int) -> str:
    if ecosystem == "Go":
        return f"{major}.{minor}.{patch}"
    if ecosystem == "Maven" and patch % 7 == 0:
        return f"{major}.{minor}.{patch}.Final"
    return f"{major}.{minor}.{patch}"


def advisory(rng: random.Random, ecosystem: str, serial: int) -> dict[str, object]:
    packages = SHARE[ecosystem][2]
    # Popular packages collect more advisories, as in OSV.
    name = package_name(ecosystem, int(packages * rng.random() ** 2))
    ranges: list[dict[str, object]] = []
    versions: list[str] = []
    major = rng.randint(0, 6)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        minor = rng.randint(0, 20)
        start = "0" if rng.random() < 0.3 else version_text(ecosystem, major, minor, 0)
        fix = version_text(ecosystem, major, minor + rng.randint(0, 3), rng.randint(1, 15))
        events: list[dict[str, str]] = [{"introduced": start}]
        if rng.random() < 0.9:
            events.append({"fixed": fix})
        elif rng.random() < 0.5:
            events.append({"last_affected": fix})
        range_type = "SEMVER" if ecosystem in ("npm", "Go", "crates.io") else "ECOSYSTEM"
        ranges.append({"type": range_type, "events": events})
        versions.extend(version_text(ecosystem, major, minor, p) for p in range(rng.randint(0, 12)))
        major += 1
    prefix = {"PyPI": "PYSEC", "Go": "GO", "crates.io": "RUSTSEC"}.get(ecosystem, "GHSA")
    record: dict[str, object] = {
        "schema_version": "1.6.0",
        "id": f"{prefix}-{2015 + serial % 10}-{serial}",
        "modified": f"20{15 + serial % 10}-{1 + serial % 12:02d}-{1 + serial % 28:02d}T"
        f"{serial % 24:02d}:{serial % 60:02d}:{serial % 59:02d}Z",
        "published": f"20{15 + serial % 10}-01-01T00:00:00Z",
        "aliases": [f"CVE-{2015 + serial % 10}-{10000 + serial}"],
        "summary": " ".join(rng.sample(WORDS, 8)).capitalize(),
        "details": " ".join(rng.choices(WORDS, k=60)),
        "affected": [
            {
                "package": {"ecosystem": ecosystem, "name": name},
                "ranges": ranges,
                "versions": versions,
                "database_specific": {"source": "synthetic"},
            }
        ],
        "references": [
            {"type": "ADVISORY", "url": f"https://example.org/advisories/{serial}"},
            {"type": "WEB", "url": f"https://example.org/issues/{serial}"},
        ],
    }
    if rng.random() < 0.6:
        record["severity"] = [{"type": "CVSS_V3", "score": rng.choice(VECTORS)}]
        record["database_specific"] = {"severity": "HIGH", "cwe_ids": ["CWE-400"]}
    return record


def build(records: int) -> Path:
    target = DATA / f"synthetic-{records}"
    if (target / "done").is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(11)
    serial = 0
    started = time.perf_counter()
    for ecosystem, (share, _, _) in SHARE.items():
        with zipfile.ZipFile(target / f"{ecosystem}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
            for _ in range(round(records * share)):
                serial += 1
                document = advisory(rng, ecosystem, serial)
                archive.writestr(f"{document['id']}.json", json.dumps(document, indent=2))
    (target / "done").write_text(str(serial))
    print(f"built {serial} records in {time.perf_counter() - started:.0f}s under {target}")
    return target


def project(rng: random.Random, size: int) -> list[Dependency]:
    dependencies: list[Dependency] = []
    ecosystems_ = list(SHARE)
    weights = [share for share, _, _ in SHARE.values()]
    for index in range(size):
        osv_name = rng.choices(ecosystems_, weights)[0]
        _, ours, packages = SHARE[osv_name]
        known = rng.random() < 0.33
        name = package_name(osv_name, rng.randrange(packages) if known else packages + index)
        version = version_text(osv_name, rng.randint(0, 7), rng.randint(0, 22), rng.randint(0, 16))
        ranged = rng.random() < 0.2
        ecosystem: Ecosystem = ours  # type: ignore[assignment]
        dependencies.append(
            Dependency(
                name=name,
                ecosystem=ecosystem,
                version_spec=f">={version}" if ranged else None,
                resolved_version=None if ranged else ("v" + version if ours == "go" else version),
                manifest=f"services/s{index % 40}/lockfile",
                line=1 + index,
                direct=index % 3 == 0,
            )
        )
    return dependencies


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the import's decoding workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def clear_version_caches() -> None:
    for parse in ecosystems.ECOSYSTEM_PARSERS.values():
        parse.cache_clear()  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--dependencies", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", type=Path, help="import these OSV archives or directories")
    parser.add_argument("--workers", type=int, help="decoding processes (default: one per core)")
    args = parser.parse_args()
    source = args.source or build(args.records)
    import_seconds, rates, cpu_rates, match_seconds = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="vibe-osv-bench-") as scratch:
        database_file = Path(scratch) / "osv.sqlite"
        for run in range(args.runs):
            database_file.unlink(missing_ok=True)
            cpu_before = cpu_seconds()
            with OsvDatabase.open(database_file) as database:
                report = database.import_records(iter_records([source]), workers=args.workers)
            cpu = cpu_seconds() - cpu_before
            import_seconds.append(report.seconds)
            rates.append(report.records / report.seconds)
            cpu_rates.append(report.records / cpu)
            print(
                f"import run {run + 1}: {report.records} records in {report.seconds:.2f}s "
                f"({cpu:.2f} CPU-seconds in all processes)"
            )
        dependencies = project(random.Random(7), args.dependencies)
        found = 0
        for run in range(max(args.runs, 5)):
            clear_version_caches()
            started = time.perf_counter()
            with OsvDatabase.open_readonly(database_file) as database:
                found = len(match_dependencies(dependencies, database))
            match_seconds.append(time.perf_counter() - started)
            print(f"match run {run + 1}: {found} matches in {match_seconds[-1]:.3f}s")
    rate = statistics.median(rates)
    print(
        f"import: {report.records} records, median {statistics.median(import_seconds):.2f}s "
        f"= {rate:,.0f} records/s (goal >= 20,000/s); "
        f"{statistics.median(cpu_rates):,.0f} records per CPU-second"
    )
    print(
        f"match: {len(dependencies)} dependencies, {found} matches, median "
        f"{statistics.median(match_seconds):.3f}s (goal <= 1 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
