"""The feature matrix: one end-to-end test per feature, run against the fake GitHub and the fake
GitLab through the real receiver, outbox and worker (webhook in, jobs, what the forge received).

Every row is written once in the forge-neutral words of ``tests/matrix/drivers.py``; a row that
fails names the forge that lacks the feature and why: what it saw, and every job that ran with
what it decided (its status, conclusion, deploy, upgrade) or the error that stopped it."""

from __future__ import annotations

import json

import asyncpg  # type: ignore[import-untyped,unused-ignore]

from tests.deploy.conftest import BASE as DEPLOY_MANIFESTS
from tests.deploy.conftest import IMAGE
from tests.deploy.conftest import VIBE_YML as DEPLOY_YML
from tests.docs.conftest import HUMAN_README
from tests.fakes.github import FakeGitHub
from tests.fakes.gitlab import FakeGitLab
from tests.fakes.kubernetes import FakeKubernetes
from tests.gitlab.test_docs_mr import PROJECT_FILES
from tests.matrix.conftest import RunJobs
from tests.matrix.diagnosis import lacks
from tests.matrix.drivers import ForgeDriver
from tests.matrix.github_driver import GitHubDriver
from tests.matrix.gitlab_driver import GitLabDriver
from tests.matrix.sign_in import github_sign_in, gitlab_sign_in
from tests.operations.receivers import Receiver
from tests.pipeline.conftest import BASE_APP, HEAD_APP
from tests.pipeline.test_fix_suggestions_e2e import BASE_APP as FIX_BASE_APP
from tests.pipeline.test_fix_suggestions_e2e import HEAD_APP as FIX_HEAD_APP
from tests.pipeline.test_fix_suggestions_e2e import REPO as FIX_RULES_REPO
from tests.vulns.test_upgrade_job import FILES as VULNERABLE_FILES

CONFIG = ".github/vibe.yml"
FLAGGED = {"app.py": BASE_APP}, {"app.py": HEAD_APP}  # os.system on added line 14
CLEAN = (
    {"app.py": "def total(values):\n    return sum(values)\n"},
    {"app.py": "def total(values):\n    return sum(v for v in values if v)\n"},
)
FIXED_APP = HEAD_APP.replace('os.system("rm " + flask.request.args[name])', "os.remove(name)")
SAFE_APP = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call([cmd])\n"
PREVIEW_URL = "https://pr-1.preview.example.com"
DESCRIBE_START, DESCRIBE_END = "<!-- vibe:describe:start -->", "<!-- vibe:describe:end -->"
DOCS_BRANCH, UPGRADE_BRANCH = "vibe/docs", "vibe/upgrades"


def images(kube: FakeKubernetes, namespace: str, deployment: str) -> list[str]:
    """The images of ``deployment`` in the cluster; none where it was never applied."""
    if kube.get("deployments", namespace, deployment) is None:
        return []
    return kube.images_of(namespace, deployment)


async def opened(driver: ForgeDriver, run_jobs: RunJobs, files: tuple[dict[str, str], ...]) -> None:
    driver.open_world(*files)
    await driver.change_opened()
    await run_jobs()


# -- the check --------------------------------------------------------------------------------


async def test_a_finding_on_a_changed_line_fails_the_check(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)

    verdict = driver.verdict()
    assert verdict == "failure", await lacks(
        driver, db_pool, f"a failing verdict on a {driver.change_noun} with a new finding", verdict
    )


async def test_a_change_without_findings_passes_the_check(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, CLEAN)

    verdict = driver.verdict()
    assert verdict == "success", await lacks(
        driver, db_pool, f"a passing verdict on a clean {driver.change_noun}", verdict
    )


async def test_findings_are_commented_on_their_changed_lines_only(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)

    lines = sorted({(c.path, c.line) for c in driver.line_comments()})
    assert ("app.py", 14) in lines, await lacks(
        driver, db_pool, "a line comment on the changed line 14 (os.system)", lines
    )
    assert ("app.py", 5) not in lines, await lacks(
        driver, db_pool, "silence on the unchanged line 5 (eval)", lines
    )


async def test_one_sticky_comment_is_edited_in_place_on_a_second_push(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)
    first = driver.sticky_comments()
    assert len(first) == 1, await lacks(driver, db_pool, "one sticky comment after a check", first)
    first_id, first_body = first[0]["id"], first[0]["body"]

    await driver.change_pushed({"app.py": FIXED_APP})
    await run_jobs()

    after = driver.sticky_comments()
    assert [c["id"] for c in after] == [first_id], await lacks(
        driver, db_pool, "the same sticky comment after a second push", after
    )
    assert after[0]["body"] != first_body, await lacks(
        driver, db_pool, "the sticky comment rewritten for the new head", after[0]["body"][:300]
    )
    assert driver.verdict() == "success", await lacks(
        driver, db_pool, "a verdict on the new head", driver.verdict_history(driver.head_sha)
    )


async def test_monorepo_projects_each_get_their_own_verdict(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    config = (
        "projects:\n"
        "  - name: api\n    paths: [services/api/]\n"
        "  - name: web\n    paths: [services/web/]\n    fail_on: never\n"
    )
    web = {"services/web/x.py": "x = 1\n"}
    base = {CONFIG: config, "services/api/app.py": BASE_APP, **web}
    head = {CONFIG: config, "services/api/app.py": HEAD_APP, **web}
    await opened(driver, run_jobs, (base, head))

    names = driver.verdict_names(driver.head_sha)
    assert {"", "api", "web"} <= names, await lacks(
        driver, db_pool, "a verdict per project of `projects:` (api, web)", sorted(names)
    )
    verdicts = {name: driver.verdict(project=name) for name in ("", "api", "web")}
    assert verdicts[""] == verdicts["api"] == "failure", await lacks(
        driver, db_pool, "a failing verdict for the project with the finding", verdicts
    )
    assert verdicts["web"] in ("neutral", "success"), await lacks(
        driver, db_pool, "a passing verdict for the untouched project", verdicts
    )


async def test_fixes_are_suggested_on_the_changed_lines(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    files = (
        {**FIX_RULES_REPO, "app.py": FIX_BASE_APP},
        {**FIX_RULES_REPO, "app.py": FIX_HEAD_APP},
    )
    await opened(driver, run_jobs, files)

    suggested = sorted({(s.path, s.line) for s in driver.suggestions()})
    # Line 2 is unchanged; line 6 and lines 10-12 were added (a range ends on 12 on GitHub).
    assert suggested and {line for _, line in suggested} <= {6, 10, 12}, await lacks(
        driver, db_pool, "```suggestion blocks on the changed lines 6 and 10-12", suggested
    )
    assert len(suggested) == 2, await lacks(
        driver, db_pool, "one suggestion per fixable finding (2)", suggested
    )


async def test_sarif_and_the_report_are_stored_for_the_head(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)

    rows = await db_pool.fetch(
        "SELECT kind, key FROM artifacts WHERE repository_id = $1 ORDER BY kind",
        driver.repository_key,
    )
    kinds = sorted({row["kind"] for row in rows if f"/{driver.head_sha}/" in row["key"]})
    assert kinds == ["sarif", "scan_report"], await lacks(
        driver,
        db_pool,
        f"SARIF and report artifacts of the head under the repository key {driver.repository_key}",
        [dict(row) for row in rows],
    )


async def test_notify_receives_the_completed_check_once(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool, receiver: Receiver
) -> None:
    # An incoming-webhook entry (Slack's kind): its URL is the whole credential, so it needs no
    # installation secret and the same `notify:` serves either forge.
    config = (
        f"notify:\n  - type: slack\n    url: {receiver.url}/hooks/vibe\n"
        "    events: [scan_complete]\n"
    )
    files = ({CONFIG: config, "app.py": BASE_APP}, {CONFIG: config, "app.py": HEAD_APP})
    await opened(driver, run_jobs, files)

    delivered = [json.loads(r.body) for r in receiver.delivered()]
    assert len(delivered) == 1, await lacks(
        driver, db_pool, "one scan_complete notification to the `notify:` webhook", delivered
    )
    assert driver.full_name in json.dumps(delivered[0]), await lacks(
        driver, db_pool, f"a notification naming {driver.full_name}", delivered[0]
    )


async def test_review_auto_queues_one_review_when_the_change_opens(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    auto = {CONFIG: "review: auto\n"}
    await opened(driver, run_jobs, ({**auto, "app.py": "x = 1\n"}, {**auto, "app.py": HEAD_APP}))

    heads = driver.review_heads()
    assert heads == [driver.head_sha], await lacks(
        driver, db_pool, "one review of the head with `review: auto`", heads
    )


# -- commands ----------------------------------------------------------------------------------


async def test_vibe_rescan_checks_the_head_again(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)
    await driver.comment("/vibe rescan")
    await run_jobs()

    history = driver.verdict_history(driver.head_sha)
    assert history == ["failure", "failure"], await lacks(
        driver, db_pool, "a second verdict on the head after /vibe rescan", history
    )


async def test_vibe_ignore_makes_the_verdict_pass(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    await opened(driver, run_jobs, FLAGGED)
    fingerprints = driver.blocking_fingerprints()
    assert fingerprints, await lacks(
        driver, db_pool, "fingerprints on the failing line comments", driver.line_comments()
    )
    await driver.comment(
        "\n".join(f"/vibe ignore {fp} test fixture until 2999-01-01" for fp in fingerprints)
    )
    await run_jobs()

    history = driver.verdict_history(driver.head_sha)
    assert history[-1:] == ["success"], await lacks(
        driver, db_pool, "a passing verdict once the findings are ignored", history
    )
    stored = await db_pool.fetch("SELECT repository_id FROM ignores")
    assert {row["repository_id"] for row in stored} == {driver.repository_key}, await lacks(
        driver, db_pool, "ignores kept under the repository's key", [dict(r) for r in stored]
    )


async def test_vibe_help_replies_with_the_commands(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(*FLAGGED)
    await driver.comment("/vibe help")
    await run_jobs()

    replies = driver.replies()
    assert any("/vibe rescan" in body for body in replies), await lacks(
        driver, db_pool, "a reply listing the commands", replies
    )


async def test_vibe_review_posts_one_review_of_the_head(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(*FLAGGED)
    await driver.comment("/vibe review")
    await run_jobs()

    heads = driver.review_heads()
    assert heads == [driver.head_sha], await lacks(
        driver, db_pool, "one review of the head after /vibe review", heads
    )


async def test_vibe_describe_writes_its_section_and_keeps_the_authors_text(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(*FLAGGED)
    author = "Removes files by name.\n"
    driver.set_description(author)
    await driver.comment("/vibe describe")
    await run_jobs()

    description = driver.description()
    assert description.startswith(author), await lacks(
        driver, db_pool, "the author's text kept", description
    )
    assert DESCRIBE_START in description and DESCRIBE_END in description, await lacks(
        driver, db_pool, "a described section in the description", description
    )


async def test_vibe_ask_is_answered_offline(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(*FLAGGED)
    question = "where is the shell command run?"
    await driver.comment(f"/vibe ask {question}")
    await run_jobs()

    answers = [body for body in driver.replies() if body.startswith(f"> {question}")]
    assert answers, await lacks(driver, db_pool, "a reply quoting the question", driver.replies())
    assert "No language model answered" in answers[0], await lacks(
        driver, db_pool, "the offline answer (no model configured)", answers[0]
    )
    assert "app.py" in answers[0], await lacks(
        driver, db_pool, "an answer citing the code", answers[0]
    )


async def test_vibe_docs_opens_a_documentation_proposal(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    project = {**PROJECT_FILES, "README.md": HUMAN_README}
    driver.open_world(project, {**project, "notes.txt": "feature\n"})
    await driver.comment("/vibe docs")
    await run_jobs()

    proposals = driver.proposals(DOCS_BRANCH)
    assert len(proposals) == 1, await lacks(
        driver, db_pool, f"one proposal from {DOCS_BRANCH} after /vibe docs", proposals
    )


async def test_vibe_upgrade_opens_an_upgrade_proposal(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(VULNERABLE_FILES, {**VULNERABLE_FILES, "notes.txt": "feature\n"})
    await driver.comment("/vibe upgrade")
    await run_jobs()

    proposals = driver.proposals(UPGRADE_BRANCH)
    assert len(proposals) == 1, await lacks(
        driver, db_pool, f"one proposal from {UPGRADE_BRANCH} after /vibe upgrade", proposals
    )


# -- the default branch ------------------------------------------------------------------------


async def test_a_default_branch_push_stores_a_baseline_with_its_findings(
    driver: ForgeDriver, run_jobs: RunJobs, db_pool: asyncpg.Pool
) -> None:
    driver.open_world(*FLAGGED)
    await driver.default_branch_pushed()
    await run_jobs()

    scans = await db_pool.fetch(
        "SELECT commit_sha, health_score FROM scans WHERE kind = 'baseline' AND repository_id = $1",
        driver.repository_key,
    )
    assert [row["commit_sha"] for row in scans] == [driver.base_sha], await lacks(
        driver, db_pool, "a baseline scan of main under the repository key", scans
    )
    rules = {
        row["rule_id"]
        for row in await db_pool.fetch(
            "SELECT f.rule_id FROM findings f JOIN projects p ON p.id = f.project_id "
            "WHERE p.repository_id = $1 AND f.fixed_at IS NULL",
            driver.repository_key,
        )
    }
    assert "python.eval-exec" in rules, await lacks(
        driver, db_pool, "the baseline's open findings stored", sorted(rules)
    )


async def test_a_green_default_branch_push_is_deployed(
    driver: ForgeDriver,
    run_jobs: RunJobs,
    db_pool: asyncpg.Pool,
    fake_kubernetes: FakeKubernetes,
) -> None:
    fake_kubernetes.add_namespace("demo")
    files = {CONFIG: DEPLOY_YML, **DEPLOY_MANIFESTS}
    driver.open_world(files, {**files, "notes.txt": "feature\n"})
    sha = await driver.default_branch_pushed({**files, "app.py": SAFE_APP})
    await run_jobs()

    deployed = images(fake_kubernetes, "demo", "web")
    assert deployed == [f"{IMAGE}:{sha}"], await lacks(
        driver, db_pool, "a deploy of the pushed commit to the cluster", deployed
    )
    states = driver.deployment_states("production")
    assert states[-1:] == ["success"], await lacks(
        driver, db_pool, "a successful deployment reported to the forge", states
    )


async def test_a_labelled_change_request_gets_a_preview(
    driver: ForgeDriver,
    run_jobs: RunJobs,
    db_pool: asyncpg.Pool,
    fake_kubernetes: FakeKubernetes,
) -> None:
    files = {CONFIG: DEPLOY_YML, **DEPLOY_MANIFESTS}
    driver.open_world(files, {**files, "app.py": SAFE_APP})
    await driver.labelled("preview")
    await run_jobs()

    previewed = images(fake_kubernetes, "pr-1", "web")
    assert previewed == [f"{IMAGE}:{driver.head_sha}"], await lacks(
        driver, db_pool, "a preview of the head in namespace pr-1", previewed
    )
    sticky = [c["body"] for c in driver.sticky_comments()]
    assert any(PREVIEW_URL in body for body in sticky), await lacks(
        driver, db_pool, "the preview's URL in the sticky comment", sticky
    )


# -- the dashboard -----------------------------------------------------------------------------


async def test_the_repository_is_listed_for_a_signed_in_member(
    driver: ForgeDriver,
    run_jobs: RunJobs,
    db_pool: asyncpg.Pool,
    fake_github: FakeGitHub,
    fake_gitlab: FakeGitLab,
) -> None:
    driver.open_world(*FLAGGED)
    await driver.installed()
    await driver.default_branch_pushed()
    await run_jobs()

    if isinstance(driver, GitHubDriver):
        refused = await github_sign_in(driver, fake_github)
    else:
        assert isinstance(driver, GitLabDriver)
        refused = await gitlab_sign_in(driver, fake_gitlab)
    assert refused is None, await lacks(driver, db_pool, "a dashboard sign-in", refused)
    listed = await driver.client.get("/api/v1/repositories")
    body = await listed.text()
    assert listed.status == 200, await lacks(
        driver, db_pool, "/api/v1/repositories for a signed-in user", (listed.status, body)
    )
    names = [item["full_name"] for item in json.loads(body)["items"]]
    assert driver.full_name in names, await lacks(
        driver, db_pool, f"{driver.full_name} on /api/v1/repositories for its member", names
    )
