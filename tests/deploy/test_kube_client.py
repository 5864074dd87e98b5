"""The cluster client (official ``kubernetes`` package) against the fake API server: paths,
server-side apply and what the API server refuses; and ``vibe deploy ENV`` from a checkout."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.agents.deployer.config import EnvironmentConfig
from app.agents.deployer.kube import ClusterError, KubeCluster, api_client_for, object_path
from app.agents.deployer.rollout import roll_out
from app.cli.main import main
from tests.deploy.conftest import BASE, IMAGE, VIBE_YML
from tests.fakes.kubernetes import FakeKubernetes

DEPLOYMENT: dict[str, Any] = yaml.safe_load(BASE["deploy/base/deployment.yaml"])
DEPLOYMENT["metadata"]["namespace"] = "demo"


def cluster_for(fake: FakeKubernetes, *, force: bool = False) -> KubeCluster:
    env = EnvironmentConfig(context="fake", namespace="demo", manifests="k8s", image=IMAGE)
    return KubeCluster(api_client_for(env, host=fake.url), force_conflicts=force)


@pytest.mark.parametrize(
    ("manifest", "path"),
    [
        (DEPLOYMENT, "/apis/apps/v1/namespaces/demo/deployments/web"),
        (
            {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}},
            "/apis/networking.k8s.io/v1/namespaces/default/ingresses/i",
        ),
        (
            {
                "apiVersion": "networking.k8s.io/v1",
                "kind": "NetworkPolicy",
                "metadata": {"name": "n"},
            },
            "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/n",
        ),
        (
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "x"}},
            "/api/v1/namespaces/x",
        ),
    ],
)
def test_object_paths_are_the_api_servers(manifest: dict[str, Any], path: str) -> None:
    assert object_path(manifest) == path


async def test_apply_into_a_missing_namespace_is_a_404_naming_it(
    fake_kubernetes: FakeKubernetes,
) -> None:
    cluster = cluster_for(fake_kubernetes)
    try:
        with pytest.raises(ClusterError, match='namespaces "demo" not found') as caught:
            await cluster.apply(DEPLOYMENT)
    finally:
        cluster.close()
    assert caught.value.status == 404 and not caught.value.transient


async def test_a_conflict_is_refused_unless_forced_and_the_message_says_how_to_fix_it(
    fake_kubernetes: FakeKubernetes,
) -> None:
    fake_kubernetes.add_namespace("demo")
    cluster = cluster_for(fake_kubernetes)
    await cluster.apply(DEPLOYMENT)
    key = ("/apis/apps/v1", "deployments", "demo", "web")
    fake_kubernetes.edit(key, ("spec", "replicas"), 9, manager="kubectl-edit")
    try:
        with pytest.raises(ClusterError) as caught:
            await cluster.apply(DEPLOYMENT)
        assert caught.value.status == 409
        assert ".spec.replicas" in str(caught.value) and "force_conflicts: true" in str(
            caught.value
        )
        forced = cluster_for(fake_kubernetes, force=True)
        await forced.apply(DEPLOYMENT)
        forced.close()
    finally:
        cluster.close()
    assert fake_kubernetes.deployment("demo", "web")["spec"]["replicas"] == 2
    [last] = fake_kubernetes.applies()[-1:]
    assert last.query == {"fieldManager": "vibeintelligence", "force": "true"}


async def test_an_apply_without_field_manager_is_refused_by_the_fake(
    fake_kubernetes: FakeKubernetes,
) -> None:
    import aiohttp

    fake_kubernetes.add_namespace("demo")
    async with aiohttp.ClientSession() as session:
        response = await session.patch(
            f"{fake_kubernetes.url}/apis/apps/v1/namespaces/demo/deployments/web",
            data=yaml.safe_dump(DEPLOYMENT),
            headers={"Content-Type": "application/apply-patch+yaml"},
        )
        assert response.status == 400
        assert "fieldManager: Required value" in (await response.json())["message"]
        response = await session.patch(
            f"{fake_kubernetes.url}/apis/apps/v1/namespaces/demo/deployments/web",
            json=DEPLOYMENT,
            headers={"Content-Type": "application/merge-patch+json"},
        )
        # Our code never sends merge patches: the fake refuses them loudly.
        assert response.status == 415


async def test_a_rollout_with_no_earlier_revision_fails_without_rolling_back(
    fake_kubernetes: FakeKubernetes,
) -> None:
    fake_kubernetes.add_namespace("demo")
    broken = copy.deepcopy(DEPLOYMENT)
    fake_kubernetes.never_ready_images.add(
        broken["spec"]["template"]["spec"]["containers"][0]["image"]
    )
    cluster = cluster_for(fake_kubernetes)
    try:
        result = await roll_out(cluster, [broken], timeout_s=30, poll_interval_s=0)
    finally:
        cluster.close()
    assert not result.ok and "no previous revision" in result.reason


async def test_a_rollout_past_its_deadline_fails_with_the_time_in_the_reason(
    fake_kubernetes: FakeKubernetes,
) -> None:
    fake_kubernetes.add_namespace("demo")
    fake_kubernetes.progress_deadline_reads = 1000  # the cluster never says it gave up
    broken = copy.deepcopy(DEPLOYMENT)
    fake_kubernetes.never_ready_images.add(
        broken["spec"]["template"]["spec"]["containers"][0]["image"]
    )
    ticks = iter(range(1000))
    cluster = cluster_for(fake_kubernetes)
    try:
        result = await roll_out(
            cluster, [broken], timeout_s=10, poll_interval_s=0, clock=lambda: float(next(ticks))
        )
    finally:
        cluster.close()
    assert not result.ok and "not ready within 10 s" in result.reason


def _checkout(tmp_path: Path) -> Path:
    import pygit2

    for name, text in {".github/vibe.yml": VIBE_YML, **BASE}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    repo = pygit2.init_repository(str(tmp_path), initial_head="main")
    repo.index.add_all()
    repo.index.write()
    signature = pygit2.Signature("Dev", "dev@example.com")
    repo.create_commit("HEAD", signature, signature, "init", repo.index.write_tree(), [])
    return tmp_path


def test_vibe_deploy_dry_run_prints_the_manifests_with_heads_sha(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _checkout(tmp_path)
    assert main(["deploy", "production", "--path", str(root), "--dry-run"]) == 0
    documents = list(yaml.safe_load_all(capsys.readouterr().out))
    import pygit2

    head = str(pygit2.Repository(str(root)).head.target)
    deployment = next(d for d in documents if d["kind"] == "Deployment")
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == f"{IMAGE}:{head}"
    assert deployment["spec"]["replicas"] == 3


async def test_vibe_deploy_applies_and_watches_through_a_kubeconfig_context(
    tmp_path: Path,
    fake_kubernetes: FakeKubernetes,
    kubeconfig: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake_kubernetes.add_namespace("demo")
    root = _checkout(tmp_path / "checkout")
    argv = ["deploy", "production", "--path", str(root), "--sha", "b" * 40]
    code = await asyncio.to_thread(main, [*argv, "--kubeconfig", str(kubeconfig)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "applied Deployment/web" in out and "deployed: every rollout completed" in out
    assert fake_kubernetes.images_of("demo", "web") == [f"{IMAGE}:{'b' * 40}"]


def test_vibe_deploy_names_the_known_environments_for_an_unknown_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _checkout(tmp_path)
    assert main(["deploy", "qa", "--path", str(root), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "no environment 'qa'" in err and "known: production" in err
