"""The manifests that run VibeIntelligence itself (deploy/): every object of every overlay, as
kustomize renders it, validates against the Kubernetes schemas; the compose file and the
Dockerfile say what the README promises.

Core kinds are checked by kubernetes-validate in strict mode (unknown fields are errors) with the
schemas it ships (offline). KEDA's ScaledObject and the Prometheus Operator's ServiceMonitor are
CRDs it has no schemas for: they are checked against the short schemas in
deploy/kubernetes/schemas/, written from those projects' API references.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from app.agents.deployer.kustomize import Manifest, build
from app.agents.deployer.sources import DirectorySource

ROOT = Path(__file__).resolve().parents[2] / "deploy"
KUBERNETES = ROOT / "kubernetes"
KUBERNETES_VERSION = "1.30"
CRD_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "scaledobject-keda-v1alpha1.json",
    ("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor-monitoring-v1.json",
}
LAYERS = ("base", "overlays/staging", "overlays/production")


def render(layer: str) -> list[Manifest]:
    return build(DirectorySource(KUBERNETES), layer)


def named(manifests: list[Manifest], kind: str, name: str) -> Manifest:
    return next(m for m in manifests if m["kind"] == kind and m["metadata"]["name"] == name)


def validate(manifest: Manifest) -> None:
    schema_file = CRD_SCHEMAS.get((manifest["apiVersion"], manifest["kind"]))
    if schema_file is not None:
        schema = json.loads((KUBERNETES / "schemas" / schema_file).read_text(encoding="utf-8"))
        jsonschema.validate(manifest, schema, cls=jsonschema.Draft202012Validator)
        return
    kubernetes_validate.validate(manifest, KUBERNETES_VERSION, strict=True)


@pytest.mark.parametrize("layer", LAYERS)
def test_every_rendered_object_validates_against_the_kubernetes_schemas(layer: str) -> None:
    manifests = render(layer)
    assert len(manifests) > 20
    for manifest in manifests:
        try:
            validate(manifest)
        except (kubernetes_validate.ValidationError, jsonschema.ValidationError) as exc:
            where = f"{manifest['kind']}/{manifest['metadata']['name']}"
            path = ".".join(str(part) for part in exc.path)
            pytest.fail(f"{layer}: {where} is invalid at {path}: {exc.message}")


def test_strict_validation_rejects_a_misspelt_field() -> None:
    web = copy.deepcopy(named(render("base"), "Deployment", "web"))
    web["spec"]["template"]["spec"]["containers"][0]["readynessProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(web)
    scaled = copy.deepcopy(named(render("base"), "ScaledObject", "worker"))
    del scaled["spec"]["triggers"][0]["metadata"]["query"]
    with pytest.raises(jsonschema.ValidationError):
        validate(scaled)


@pytest.mark.parametrize("layer", LAYERS)
def test_everything_is_in_the_vibeintelligence_namespace_with_the_image_tag_set(layer: str) -> None:
    manifests = render(layer)
    for manifest in manifests:
        if manifest["kind"] != "Namespace":
            assert manifest["metadata"]["namespace"] == "vibeintelligence", manifest["kind"]
    images = {
        container["image"]
        for manifest in manifests
        if manifest["kind"] in ("Deployment", "Job")
        for container in manifest["spec"]["template"]["spec"]["containers"]
    }
    assert len(images) == 1
    [image] = images
    assert image.startswith("ghcr.io/vibeintelligence/vibeintelligence:")


def test_no_secret_values_only_references_to_the_secret() -> None:
    for layer in LAYERS:
        manifests = render(layer)
        assert not [m for m in manifests if m["kind"] == "Secret"]
        text = yaml.safe_dump_all(manifests)
        assert "secretKeyRef" in text and "vibeintelligence-secrets" in text


def test_the_web_app_runs_three_replicas_with_probes_and_scales_on_cpu() -> None:
    manifests = render("overlays/production")
    web = named(manifests, "Deployment", "web")
    assert web["spec"]["replicas"] == 3
    assert web["spec"]["strategy"]["type"] == "RollingUpdate"
    [container] = web["spec"]["template"]["spec"]["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["resources"]["requests"] and container["resources"]["limits"]
    assert "--no-migrate" in container["args"]
    hpa = named(manifests, "HorizontalPodAutoscaler", "web")
    [metric] = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert metric["resource"]["target"]["averageUtilization"] == 70
    ingress = named(manifests, "Ingress", "web")
    assert ingress["spec"]["ingressClassName"] == "nginx"
    assert "cert-manager.io/cluster-issuer" in ingress["metadata"]["annotations"]
    assert ingress["spec"]["tls"]
    assert {m["metadata"]["name"] for m in manifests if m["kind"] == "PodDisruptionBudget"} == {
        "web",
        "worker",
        "docs-worker",
    }
    assert named(manifests, "NetworkPolicy", "default-deny-ingress")["spec"]["podSelector"] == {}


def test_workers_scale_on_the_queue_depth_gauge_and_the_docs_worker_runs_on_gpus() -> None:
    manifests = render("overlays/production")
    for name, queue in (("worker", "arq:queue"), ("docs-worker", "docs")):
        scaled = named(manifests, "ScaledObject", name)
        assert scaled["spec"]["scaleTargetRef"]["name"] == name
        [trigger] = scaled["spec"]["triggers"]
        assert trigger["type"] == "prometheus"
        assert (
            f'vibe_queue_depth{{namespace="vibeintelligence",queue="{queue}"}}'
            in (trigger["metadata"]["query"])
        )
    docs = named(manifests, "Deployment", "docs-worker")["spec"]["template"]["spec"]
    [container] = docs["containers"]
    assert container["args"][:3] == ["worker", "--queue", "docs"]
    assert container["resources"]["limits"]["nvidia.com/gpu"] == "1"
    assert docs["nodeSelector"] == {"nvidia.com/gpu.present": "true"}
    assert docs["tolerations"][0]["key"] == "nvidia.com/gpu"
    migrate = named(manifests, "Job", "migrate")
    assert migrate["spec"]["template"]["spec"]["containers"][0]["args"] == ["migrate"]
    assert named(manifests, "ServiceMonitor", "vibeintelligence")


def test_backups_run_every_six_hours_with_the_shipped_script_and_thirty_days_retention() -> None:
    manifests = render("base")
    script = named(manifests, "ConfigMap", "postgres-backup-script")["data"]["backup.sh"]
    assert script == (ROOT / "backup" / "backup.sh").read_text(encoding="utf-8")
    cron = named(manifests, "CronJob", "postgres-backup")
    assert cron["spec"]["schedule"] == "0 */6 * * *"
    [container] = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]
    env = {item["name"]: item.get("value") for item in container["env"]}
    assert env["RETENTION_DAYS"] == "30"
    assert container["image"].startswith("postgres:16")


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(
        (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    )
    return loaded


def test_the_compose_file_runs_every_service_with_health_checks_and_volumes() -> None:
    compose = _compose()
    services = compose["services"]
    assert {"app", "worker", "docs-worker", "postgres", "redis", "elasticsearch"} <= set(services)
    assert services["postgres"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert ":8." in services["elasticsearch"]["image"]
    for name in ("postgres", "redis", "elasticsearch"):
        assert services[name]["healthcheck"]["test"], name
        assert services[name]["volumes"], name
    assert services["docs-worker"]["command"][:3] == ["worker", "--queue", "docs"]
    assert services["app"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert {"pgdata", "redisdata", "esdata", "backups"} <= set(compose["volumes"])
    # No secret values in the file: they come from deploy/.env and a secret file.
    assert "POSTGRES_PASSWORD:?" in (ROOT / "docker-compose.yml").read_text(encoding="utf-8")


def test_the_dockerfile_is_multi_stage_non_root_with_a_healthcheck_and_the_tools() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = [line for line in text.splitlines() if line.startswith("FROM ")]
    assert len(stages) >= 2
    assert "slim" in text
    assert "USER 10001" in text
    assert "HEALTHCHECK" in text
    assert "semgrep --version" in text and "bandit --version" in text
