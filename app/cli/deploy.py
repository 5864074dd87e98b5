"""``vibe deploy``: deploy an environment of ``.github/vibe.yml`` from a checkout, or run an
image locally with Docker on free host ports.

    vibe deploy production --dry-run          # print the manifests, image tag = HEAD's sha
    vibe deploy production                    # apply them, watch the rollout, roll back
    vibe deploy --docker ghcr.io/octo/app:1.2 --port 8000 --env MODE=demo
    vibe deploy --docker-list
    vibe deploy --docker-stop app
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.errors import UsageError
from app.printable import printable, printable_lines


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "deploy",
        help="deploy an environment, or run an image locally with Docker",
        description="Render ENVIRONMENT's manifests from .github/vibe.yml with the image tag set "
        "to the commit, apply them with server-side apply, watch the rollout and roll back on "
        "failure. With --docker, run an image locally on free host ports instead.",
    )
    parser.add_argument("environment", nargs="?", help="an environment of the deploy section")
    parser.add_argument("--path", type=Path, default=Path(), help="the checkout (default .)")
    parser.add_argument(
        "--config", default=None, help="configuration file (default .github/vibe.yml)"
    )
    parser.add_argument("--sha", default=None, help="the image tag (default: HEAD's commit)")
    parser.add_argument("--dry-run", action="store_true", help="print the manifests, apply nothing")
    parser.add_argument("--kubeconfig", type=Path, default=None, help="default: $KUBECONFIG")
    local = parser.add_argument_group("local Docker mode")
    local.add_argument("--docker", metavar="IMAGE", help="run IMAGE with Docker")
    local.add_argument("--name", help="container name (default: from the image)")
    local.add_argument(
        "--port", action="append", default=[], help="container port to publish; repeatable"
    )
    local.add_argument("--env", action="append", default=[], metavar="KEY=VALUE", help="repeatable")
    local.add_argument("--docker-host", help="Docker API URL (default: DOCKER_HOST)")
    local.add_argument("--docker-list", action="store_true", help="list local deployments")
    local.add_argument("--docker-stop", metavar="NAME", help="remove a local deployment")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.docker or args.docker_list or args.docker_stop:
        return _local(args)
    if not args.environment:
        raise UsageError("name an ENVIRONMENT of .github/vibe.yml, or use --docker IMAGE")
    return _environment(args)


def _registry() -> Any:
    from app.agents.deployer.local import PortRegistry
    from app.cli.server_options import load_settings_or_usage

    return PortRegistry(load_settings_or_usage().data_dir / "local-deployments.json")


def _local(args: argparse.Namespace) -> int:
    from app.agents.deployer import local

    registry = _registry()
    if args.docker_list:
        for deployment in registry.all():
            ports = " ".join(f"{spec}→{port}" for spec, port in deployment.ports.items())
            print("\t".join(map(printable, (deployment.name, deployment.image, ports))))
        return 0
    from app.cli.extras import require_server

    require_server(("docker",))
    client = local.docker_client(args.docker_host)
    if args.docker_stop:
        stopped = local.stop_local(client, registry, args.docker_stop)
        print(f"removed {printable(stopped.name)}; freed ports {sorted(stopped.ports.values())}")
        return 0
    environment = {}
    for item in args.env:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--env {item}: use KEY=VALUE")
        environment[key] = value
    name = args.name or _default_name(args.docker)
    deployment = local.run_local(
        client,
        registry,
        image=args.docker,
        name=name,
        container_ports=args.port,
        environment=environment,
    )
    print(
        printable(f"{deployment.name}: {deployment.image}")
        + f" running as {printable(deployment.container_id[:12])}"
    )
    for spec, url in deployment.urls().items():
        print(printable(f"  {spec} → {url}"))
    return 0


def _default_name(image: str) -> str:
    from app.agents.deployer.kustomize import split_image

    base = split_image(image)[0].rsplit("/", 1)[-1]
    return "".join(ch if ch.isalnum() or ch in "_.-" else "-" for ch in base) or "app"


def _environment(args: argparse.Namespace) -> int:
    import asyncio

    import pygit2
    import yaml

    from app.agents.deployer.config import deploy_config_from_text
    from app.agents.deployer.render import render_environment
    from app.agents.deployer.sources import DirectorySource
    from app.models.config import CONFIG_PATH

    root = args.path.resolve()
    config_file = Path(args.config) if args.config else root / CONFIG_PATH
    try:
        text = config_file.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{config_file}: cannot read it ({exc.strerror})") from None
    config = deploy_config_from_text(text, str(args.config or CONFIG_PATH))
    if config is None or args.environment not in config.environments:
        known = ", ".join(map(printable, config.environments)) if config else "none"
        raise UsageError(
            f"no environment {printable(args.environment)!r} in {config_file} (known: {known})"
        )
    environment = config.environments[args.environment]
    sha = args.sha
    if sha is None:
        try:
            sha = str(pygit2.Repository(str(root)).head.target)
        except (pygit2.GitError, KeyError):
            raise UsageError(f"{root} is not a git checkout with a commit; pass --sha") from None
    manifests = render_environment(DirectorySource(root), environment, sha)
    if args.dry_run:
        print(yaml.safe_dump_all(manifests, sort_keys=False), end="")
        return 0
    from app.cli.extras import require_server

    require_server(("kubernetes",))
    return asyncio.run(_apply(environment, manifests, args.kubeconfig))


async def _apply(environment: Any, manifests: list[Any], kubeconfig: Path | None) -> int:
    import asyncio

    from app.agents.deployer.kube import KubeCluster, api_client_for
    from app.agents.deployer.rollout import roll_out

    api = await asyncio.to_thread(api_client_for, environment, kubeconfig=kubeconfig)
    cluster = KubeCluster(api, force_conflicts=environment.force_conflicts)
    try:
        result = await roll_out(cluster, manifests, timeout_s=environment.timeout)
    finally:
        cluster.close()
    # Names and reasons come from the repository's manifests and the cluster's answers.
    for applied in result.applied:
        print(f"applied {printable(str(applied))}")
    print(("deployed: " if result.ok else "failed: ") + printable_lines(result.reason))
    return 0 if result.ok else 1
