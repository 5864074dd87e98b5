"""The Jobs page: filters by kind and state kept in the URL, rows that open a job's page with its
error, timing and attempts, and the running counter the live feed keeps up to date."""

from __future__ import annotations

from tests.dashboard.conftest import Dashboard


async def _failed_job(dashboard: Dashboard) -> None:
    await dashboard.context.pool.execute(
        "INSERT INTO jobs (job_id, kind, installation_id, repository_full_name, status, input, "
        "error, attempts, started_at, completed_at) VALUES ('push_scan:f1', 'push_scan', 1, "
        "'octo/app', 'failed', '{}', 'clone failed: <b>repository not found</b>', 3, "
        "now() - interval '95 seconds', now())"
    )


async def test_the_jobs_list_filters_by_kind_and_state_from_the_url(dashboard: Dashboard):
    await _failed_job(dashboard)
    alice = await dashboard.login("alice")
    html = await (await alice.get("/jobs?kind=push_scan&status=failed")).text()
    assert "push_scan:f1" in html and "pr_check:d1" not in html
    assert '<option value="push_scan" selected>' in html
    html = await (await alice.get("/jobs?kind=pr_check")).text()
    assert "pr_check:d1" in html and "push_scan:f1" not in html


async def test_jobs_rows_link_to_the_job_page_and_show_a_failed_jobs_error(dashboard: Dashboard):
    await _failed_job(dashboard)
    alice = await dashboard.login("alice")
    html = await (await alice.get("/jobs")).text()
    assert 'href="/jobs/push_scan%3Af1"' in html
    assert "clone failed: &lt;b&gt;repository not found&lt;/b&gt;" in html
    assert "data-running-count" in html


async def test_the_job_page_shows_error_timing_and_attempts(dashboard: Dashboard):
    await _failed_job(dashboard)
    alice = await dashboard.login("alice")
    response = await alice.get("/jobs/push_scan%3Af1")
    assert response.status == 200, await response.text()
    html = await response.text()
    assert "<h1>Job <code>push_scan:f1</code></h1>" in html
    assert "&lt;b&gt;repository not found" in html and "<b>repository" not in html
    assert "Attempts" in html and ">3<" in html
    assert "1 min 35 s" in html  # how long it ran
    assert 'href="/jobs"' in html


async def test_another_installations_job_page_is_a_404(dashboard: Dashboard):
    alice = await dashboard.login("alice")
    response = await alice.get("/jobs/pr_check:d2")
    assert response.status == 404
    assert "other/secret" not in await response.text()
