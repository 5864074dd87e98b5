"""A small, strict kustomize: enough to render a base and its overlays without the binary.

Supported (and anything else is refused by name, never silently ignored): ``resources`` (files
and folders with their own kustomization), ``namespace``, ``namePrefix``, ``images``,
``patches`` (strategic merge, or JSON 6902 with a ``target``), ``labels`` / ``commonLabels`` and
``commonAnnotations``. Transformations run in kustomize's order: the resources of each layer
are built first, then the layer's patches, names, namespace, labels and images.

Every file is read under :data:`app.repo_yaml.KUBERNETES_YAML` (anchors allowed, their expansion
capped), and a folder that is reached again while it is being built — ``resources: [.]``, two
overlays naming each other, a symbolic link back up — is refused as a cycle, naming the chain.
"""

from __future__ import annotations

import copy
import os
import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

import yaml

from app import repo_yaml
from app.agents.deployer.sources import (
    DirectorySource,
    ManifestSource,
    ManifestSourceError,
    clean_path,
)

Manifest = dict[str, Any]

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
SUPPORTED_FIELDS = frozenset(
    {
        "apiVersion",
        "kind",
        "resources",
        "bases",
        "namespace",
        "namePrefix",
        "images",
        "patches",
        "labels",
        "commonLabels",
        "commonAnnotations",
    }
)
CLUSTER_SCOPED = frozenset(
    {
        "Namespace",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "PersistentVolume",
        "StorageClass",
        "IngressClass",
        "PriorityClass",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration",
        "ClusterIssuer",
    }
)
WORKLOADS_WITH_TEMPLATE = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}
)
# Strategic merge keys of the lists we merge item by item; other lists are replaced.
MERGE_KEYS: dict[str, str] = {
    "containers": "name",
    "initContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "ports": "containerPort",
    "imagePullSecrets": "name",
}
# Kustomizations (and plain folders) inside one another; real overlays nest three or four deep.
MAX_DEPTH = 32


class KustomizeError(ManifestSourceError):
    """The kustomization cannot be rendered; the message names the file and the field."""


def load_manifests(text: str, path: str) -> list[Manifest]:
    """Every non-empty YAML document of ``text``; each must be a Kubernetes object."""
    documents = [doc for doc in _load_yaml(text, path, every=True) if doc is not None]
    for doc in documents:
        if not isinstance(doc, dict) or not doc.get("kind") or not doc.get("apiVersion"):
            raise KustomizeError(f"{path}: every document needs `apiVersion` and `kind`")
        if doc.get("kind") == "List":
            raise KustomizeError(f"{path}: `kind: List` is not supported; use documents")
    return documents


def _load_yaml(text: str, path: str, *, every: bool = False) -> list[Any]:
    """The documents of ``text`` (the first only unless ``every``), each alias its own copy:
    the transformers change objects in place, and labels added to ``metadata.labels`` must not
    also change a ``selector.matchLabels`` that was written as an alias of it."""
    try:
        if every:
            loaded = repo_yaml.load_all(text, path, repo_yaml.KUBERNETES_YAML)
        else:
            loaded = [repo_yaml.load(text, path, repo_yaml.KUBERNETES_YAML)]
    except repo_yaml.RepoYamlError as exc:
        raise KustomizeError(f"{path} line {exc.line}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise KustomizeError(f"{path}: invalid YAML ({exc})") from None
    return [repo_yaml.unshared(document) for document in loaded]


def read_manifest_path(source: ManifestSource, path: str) -> list[Manifest]:
    """Plain manifests: one file, or every ``.yaml``/``.yml``/``.json`` of a folder, by name."""
    return _read_manifest_path(source, clean_path(path), ())


# The folders being built, outermost first: (the path shown, the folder's identity).
Trail = tuple[tuple[str, str], ...]


def _read_manifest_path(source: ManifestSource, path: str, trail: Trail) -> list[Manifest]:
    if source.is_dir(path):
        trail = _enter(source, path, trail)
        manifests: list[Manifest] = []
        for name in source.list_dir(path):
            if name.endswith((".yaml", ".yml", ".json")):
                child = clean_path(posixpath.join(path, name))
                manifests.extend(_read_manifest_path(source, child, trail))
        return manifests
    text = source.read_text(path)
    if text is None:
        raise KustomizeError(f"{path or '.'}: no such file or folder in the repository")
    return load_manifests(text, path)


def build(source: ManifestSource, directory: str) -> list[Manifest]:
    """Render the kustomization in ``directory``."""
    return _build(source, clean_path(directory), ())


def _enter(source: ManifestSource, directory: str, trail: Trail) -> Trail:
    """``trail`` (the folders being built, outermost first) with ``directory`` added; a folder
    already on it is a cycle, which would otherwise recurse until Python gives up."""
    identity = _identity(source, directory)
    chain = [shown for shown, _ in trail]
    for index, (_, seen) in enumerate(trail):
        if seen == identity:
            names = [*chain[index:], directory or "."]
            raise KustomizeError(f"kustomization cycle: {' → '.join(names)}")
    if len(trail) >= MAX_DEPTH:
        raise KustomizeError(
            f"{directory or '.'}: kustomizations nest more than {MAX_DEPTH} deep "
            f"({' → '.join(chain[:3])} → …); flatten the overlays"
        )
    return (*trail, (directory or ".", identity))


def _identity(source: ManifestSource, directory: str) -> str:
    # On disk a symbolic link can lead back to a folder under another name; in a commit's tree a
    # folder has one path (links are blobs there, never followed).
    if isinstance(source, DirectorySource):
        return os.path.realpath(source.root / directory) if directory else str(source.root)
    return directory


def _build(source: ManifestSource, directory: str, trail: Trail) -> list[Manifest]:
    trail = _enter(source, directory, trail)
    filename, kustomization = _kustomization(source, directory)
    unknown = sorted(set(kustomization) - SUPPORTED_FIELDS)
    if unknown:
        raise KustomizeError(
            f"{filename}: `{unknown[0]}` is not supported by the built-in renderer "
            f"(supported: {', '.join(sorted(SUPPORTED_FIELDS))})"
        )
    resources: list[Manifest] = []
    # `bases` is kustomize's older name for folder resources.
    for entry in [*(kustomization.get("bases") or []), *(kustomization.get("resources") or [])]:
        path = clean_path(posixpath.join(directory, str(entry)))
        if source.is_dir(path):
            resources.extend(_build(source, path, trail))
        else:
            resources.extend(_read_manifest_path(source, path, trail))
    for patch in kustomization.get("patches") or []:
        _apply_patch(source, directory, filename, resources, patch)
    prefix = kustomization.get("namePrefix")
    if prefix:
        for manifest in resources:
            manifest["metadata"]["name"] = f"{prefix}{manifest['metadata']['name']}"
    if kustomization.get("namespace"):
        set_namespace(resources, str(kustomization["namespace"]))
    for pairs, selectors in _label_sets(kustomization):
        add_labels(resources, pairs, include_selectors=selectors)
    for manifest in resources:
        annotations = kustomization.get("commonAnnotations") or {}
        if annotations:
            manifest["metadata"].setdefault("annotations", {}).update(annotations)
    for image in kustomization.get("images") or []:
        if "name" not in image:
            raise KustomizeError(f"{filename}: every `images` entry needs a `name`")
        set_image(
            resources,
            image["name"],
            new_name=image.get("newName"),
            new_tag=image.get("newTag"),
            digest=image.get("digest"),
        )
    return resources


def _kustomization(source: ManifestSource, directory: str) -> tuple[str, dict[str, Any]]:
    for name in KUSTOMIZATION_FILES:
        filename = posixpath.join(directory, name) if directory else name
        text = source.read_text(filename)
        if text is None:
            continue
        loaded = _load_yaml(text, filename)[0] or {}
        if not isinstance(loaded, dict):
            raise KustomizeError(f"{filename}: a kustomization is a mapping")
        return filename, loaded
    raise KustomizeError(f"{directory or '.'}: no kustomization.yaml in this folder")


def _label_sets(kustomization: Mapping[str, Any]) -> Iterable[tuple[dict[str, str], bool]]:
    if kustomization.get("commonLabels"):
        yield dict(kustomization["commonLabels"]), True
    for entry in kustomization.get("labels") or []:
        yield dict(entry.get("pairs") or {}), bool(entry.get("includeSelectors", False))


# -- transformers -------------------------------------------------------------------------


def set_namespace(manifests: Iterable[Manifest], namespace: str) -> None:
    """Put every namespaced object in ``namespace`` (and the service accounts bound by name)."""
    for manifest in manifests:
        kind = manifest["kind"]
        if kind in CLUSTER_SCOPED:
            continue
        manifest.setdefault("metadata", {})["namespace"] = namespace
        if kind in ("RoleBinding", "ClusterRoleBinding"):
            for subject in manifest.get("subjects") or []:
                if subject.get("kind") == "ServiceAccount":
                    subject["namespace"] = namespace


def pod_templates(manifest: Manifest) -> list[dict[str, Any]]:
    """The pod templates (``{metadata, spec}``) of a workload."""
    kind = manifest.get("kind")
    spec = manifest.get("spec") or {}
    if kind in WORKLOADS_WITH_TEMPLATE and isinstance(spec.get("template"), dict):
        return [spec["template"]]
    if kind == "CronJob":
        template = ((spec.get("jobTemplate") or {}).get("spec") or {}).get("template")
        return [template] if isinstance(template, dict) else []
    if kind == "Pod":
        return [manifest]
    return []


def add_labels(
    manifests: Iterable[Manifest], labels: Mapping[str, str], *, include_selectors: bool
) -> None:
    for manifest in manifests:
        manifest.setdefault("metadata", {}).setdefault("labels", {}).update(labels)
        if not include_selectors:
            continue
        for template in pod_templates(manifest):
            if template is not manifest:
                template.setdefault("metadata", {}).setdefault("labels", {}).update(labels)
        spec = manifest.get("spec")
        if not isinstance(spec, dict):
            continue
        if manifest["kind"] == "Service":
            spec.setdefault("selector", {}).update(labels)
        elif manifest["kind"] in WORKLOADS_WITH_TEMPLATE:
            spec.setdefault("selector", {}).setdefault("matchLabels", {}).update(labels)


def split_image(image: str) -> tuple[str, str | None, str | None]:
    """``name[:tag][@digest]`` → (name, tag, digest); a registry port is not a tag."""
    name, _, digest = image.partition("@")
    last = name.rsplit("/", 1)[-1]
    tag = None
    if ":" in last:
        name, tag = name.rsplit(":", 1)
    return name, tag, digest or None


def set_image(
    manifests: Iterable[Manifest],
    name: str,
    *,
    new_name: str | None = None,
    new_tag: str | None = None,
    digest: str | None = None,
) -> int:
    """Rewrite every container image named ``name``; returns how many were rewritten."""
    changed = 0
    for manifest in manifests:
        for template in pod_templates(manifest):
            spec = template.get("spec") or {}
            for container in [*spec.get("containers", []), *spec.get("initContainers", [])]:
                image_name, tag, old_digest = split_image(str(container.get("image", "")))
                if image_name != name:
                    continue
                result = new_name or image_name
                if digest:
                    result += f"@{digest}"
                elif new_tag:
                    result += f":{new_tag}"
                elif tag or old_digest:
                    result += f":{tag}" if tag else f"@{old_digest}"
                container["image"] = result
                changed += 1
    return changed


# -- patches ------------------------------------------------------------------------------


def _apply_patch(
    source: ManifestSource,
    directory: str,
    filename: str,
    resources: list[Manifest],
    entry: Mapping[str, Any],
) -> None:
    if "path" in entry:
        path = clean_path(posixpath.join(directory, str(entry["path"])))
        text = source.read_text(path)
        if text is None:
            raise KustomizeError(f"{filename}: patch file {entry['path']} does not exist")
        shown = path
    elif "patch" in entry:
        text, shown = str(entry["patch"]), f"{filename} (an inline patch)"
    else:
        raise KustomizeError(f"{filename}: every `patches` entry needs `path` or `patch`")
    try:
        body = repo_yaml.unshared(repo_yaml.load(text, shown, repo_yaml.KUBERNETES_YAML))
    except repo_yaml.RepoYamlError as exc:
        raise KustomizeError(f"{shown} line {exc.line}: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise KustomizeError(f"{filename}: a patch is not valid YAML ({exc})") from None
    target = entry.get("target")
    if isinstance(body, list):
        if not target:
            raise KustomizeError(f"{filename}: a JSON 6902 patch needs a `target`")
        matched = [m for m in resources if _matches(m, target)]
        for manifest in matched:
            json_patch(manifest, body)
    elif isinstance(body, dict):
        selector = target or {
            "kind": body.get("kind"),
            "name": (body.get("metadata") or {}).get("name"),
        }
        matched = [m for m in resources if _matches(m, selector)]
        for manifest in matched:
            merged = strategic_merge(manifest, _without_identity(body) if target else body)
            manifest.clear()
            manifest.update(merged)
    else:
        raise KustomizeError(f"{filename}: a patch is a mapping or a list of operations")
    if not matched:
        raise KustomizeError(f"{filename}: a patch matches no resource ({target or 'by name'})")


def _without_identity(body: Mapping[str, Any]) -> dict[str, Any]:
    # A targeted patch may name a placeholder object; its identity must not rename the targets.
    stripped = {k: v for k, v in body.items() if k not in ("apiVersion", "kind")}
    if "metadata" in stripped:
        stripped["metadata"] = {k: v for k, v in body["metadata"].items() if k != "name"}
    return stripped


def _matches(manifest: Manifest, target: Mapping[str, Any]) -> bool:
    metadata = manifest.get("metadata") or {}
    group, _, version = str(manifest.get("apiVersion", "")).rpartition("/")
    wanted = {
        "kind": manifest.get("kind"),
        "name": metadata.get("name"),
        "namespace": metadata.get("namespace"),
        "group": group,
        "version": version,
    }
    return all(target.get(key) in (None, value) for key, value in wanted.items())


def strategic_merge(base: Any, patch: Any, key: str | None = None) -> Any:
    """Merge ``patch`` into ``base`` as kubectl's strategic merge does for the common fields:
    mappings recursively, ``null`` deletes, lists of containers/env/volumes/ports by their key."""
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = copy.deepcopy(base)
        for name, value in patch.items():
            if value is None:
                merged.pop(name, None)
            elif name in merged:
                merged[name] = strategic_merge(merged[name], value, name)
            else:
                merged[name] = copy.deepcopy(value)
        return merged
    merge_key = MERGE_KEYS.get(key or "")
    if isinstance(base, list) and isinstance(patch, list) and merge_key:
        merged_list = copy.deepcopy(base)
        for item in patch:
            index = next(
                (
                    i
                    for i, existing in enumerate(merged_list)
                    if isinstance(existing, dict)
                    and isinstance(item, dict)
                    and existing.get(merge_key) == item.get(merge_key)
                ),
                None,
            )
            if index is None:
                merged_list.append(copy.deepcopy(item))
            else:
                merged_list[index] = strategic_merge(merged_list[index], item)
        return merged_list
    return copy.deepcopy(patch)


def json_patch(document: Manifest, operations: list[Mapping[str, Any]]) -> None:
    """RFC 6902 ``add``, ``replace`` and ``remove`` (what overlays use)."""
    for operation in operations:
        op, path = operation.get("op"), str(operation.get("path", ""))
        parts = [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]
        if not parts or op not in ("add", "replace", "remove"):
            raise KustomizeError(f"unsupported JSON patch operation {op} {path}")
        parent: Any = document
        for part in parts[:-1]:
            parent = parent[int(part)] if isinstance(parent, list) else parent.setdefault(part, {})
        last = parts[-1]
        if isinstance(parent, list):
            index = len(parent) if last == "-" else int(last)
            if op == "add":
                parent.insert(index, copy.deepcopy(operation["value"]))
            elif op == "replace":
                parent[index] = copy.deepcopy(operation["value"])
            else:
                del parent[index]
        elif op == "remove":
            if last not in parent:
                raise KustomizeError(f"JSON patch: nothing to remove at {path}")
            del parent[last]
        else:
            parent[last] = copy.deepcopy(operation["value"])
