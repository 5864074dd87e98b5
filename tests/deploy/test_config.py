"""The ``deploy:`` section of ``.github/vibe.yml``: what is accepted, and errors with lines."""

from __future__ import annotations

import pytest

from app.agents.deployer.config import DeployConfig, deploy_config_from_text
from app.models.config import ConfigError, load_repo_config

FILE = ".github/vibe.yml"
GOOD = """\
fail_on: warning
deploy:
  environments:
    production:
      context: prod
      namespace: demo
      kustomize: deploy/overlays/production
      image: ghcr.io/octo/demo
      url: https://demo.example.com
    staging:
      in_cluster: true
      namespace: demo-staging
      manifests: deploy/k8s
      image: ghcr.io/octo/demo
      branch: develop
  preview_label: deploy-preview
  preview_environment: staging
  preview_url: https://pr-{number}.example.com
"""


def error_of(text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        deploy_config_from_text(text, FILE)
    return str(caught.value)


def test_a_valid_section_parses_and_the_rest_of_the_file_stays_the_analyzers() -> None:
    config = deploy_config_from_text(GOOD, FILE)
    assert isinstance(config, DeployConfig)
    assert list(config.environments) == ["production", "staging"]
    assert config.environments["staging"].in_cluster
    assert config.environments["production"].timeout == 300
    assert config.preview_template()[0] == "staging"
    assert config.wants_preview(["deploy-preview"]) and not config.wants_preview(["preview"])
    assert load_repo_config(GOOD, FILE).fail_on == "warning"


def test_a_file_without_a_deploy_section_has_no_deploy_config() -> None:
    assert deploy_config_from_text("fail_on: error\n", FILE) is None
    assert deploy_config_from_text("", FILE) is None


def test_an_unknown_key_names_its_line_and_the_allowed_keys() -> None:
    text = GOOD.replace("      url: https://demo", "      hostname: x\n      url: https://demo")
    message = error_of(text)
    assert message.startswith(f"`{FILE}` line 9: `deploy.environments.production.hostname`")
    assert "allowed: context, in_cluster, namespace" in message


def test_a_bad_namespace_says_what_a_namespace_may_be() -> None:
    message = error_of(GOOD.replace("namespace: demo\n", "namespace: Demo_App\n"))
    assert "line 6" in message and "lowercase DNS label" in message


def test_neither_context_nor_in_cluster_is_refused_with_the_fix() -> None:
    message = error_of(GOOD.replace("      context: prod\n", ""))
    assert "line 4" in message
    assert "either `context` (a kubeconfig context) or `in_cluster: true`" in message


def test_an_image_with_a_tag_is_refused_because_the_sha_is_the_tag() -> None:
    text = GOOD.replace("demo\n      url", "demo:1.0\n      url")
    message = error_of(text)
    assert "line 4" in message and "(ghcr.io/octo/demo:1.0); the sha is the tag" in message


def test_a_preview_environment_that_does_not_exist_is_refused() -> None:
    message = error_of(GOOD.replace("preview_environment: staging", "preview_environment: qa"))
    assert "`preview_environment` 'qa' is not one of the environments" in message


def test_a_missing_required_setting_is_named() -> None:
    message = error_of("deploy:\n  environments:\n    production:\n      context: x\n")
    assert "`deploy.environments.production.namespace` is required" in message


def test_invalid_yaml_names_the_line() -> None:
    assert "line 3" in error_of("deploy:\n  environments: [\n  : :\n")


def test_the_repository_configuration_holds_the_deploy_section_typed() -> None:
    config = load_repo_config(GOOD, FILE)
    assert isinstance(config.deploy, DeployConfig)
    assert config.deploy.environments["production"].timeout == 300
    assert config.model_dump(mode="json")["deploy"]["preview_label"] == "deploy-preview"


def test_the_repository_configuration_words_a_deploy_error_as_the_deploy_reader_does() -> None:
    for text in (
        GOOD.replace("      url: https://demo", "      hostname: x\n      url: https://demo"),
        GOOD.replace("      context: prod\n", ""),
        GOOD.replace("namespace: demo\n", "namespace: Demo_App\n"),
    ):
        with pytest.raises(ConfigError) as caught:
            load_repo_config(text, FILE)
        assert str(caught.value) == error_of(text)


def test_a_deploy_section_that_is_not_a_mapping_is_refused_with_its_line() -> None:
    with pytest.raises(ConfigError) as caught:
        load_repo_config("fail_on: error\ndeploy: true\n", FILE)
    assert str(caught.value) == (
        f"`{FILE}` line 2: `deploy` must be a mapping of settings (environments, previews, "
        "preview_label, preview_environment, preview_url)"
    )


def test_aliases_in_the_deploy_section_are_refused_naming_the_line() -> None:
    text = "deploy:\n  environments:\n    production: &p {context: a}\n    staging: *p\n"
    message = error_of(text)
    assert message.startswith(f"`{FILE}` line 4: YAML aliases are not allowed in {FILE}")
