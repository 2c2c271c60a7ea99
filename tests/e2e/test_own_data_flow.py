"""Own your data in the browser: export everything, delete the account, sign up anew and import the
archive back — the jobs are there again."""

from __future__ import annotations

import json

import pytest
from playwright.async_api import expect

from tests.support.browser import PASSWORD, add_job, go_to, screenshot, signed_up_and_in

pytestmark = pytest.mark.browser


async def test_export_delete_and_import_into_a_new_account(page, page_errors, base_url, worker, tmp_path):
    # given: a person with a job
    await signed_up_and_in(page, "owner")
    await add_job(page, Company="Initech", Title="Archive Engineer")
    await expect(page.get_by_role("article", name="Archive Engineer")).to_be_visible()
    await go_to(page, "Settings")
    account = page.get_by_test_id("account-section")
    await expect(account.get_by_test_id("session")).to_have_count(1)

    # when: they export everything
    async with page.expect_download() as downloading:
        await account.get_by_role("button", name="Export everything (JSON)").click()
    archive = tmp_path / "archive.json"
    await (await downloading.value).save_as(archive)
    # then: the archive holds the job
    data = json.loads(archive.read_text())
    assert data["format"] == "career-companion-export" and [j["title"] for j in data["tables"]["jobs"]] == ["Archive Engineer"]
    await screenshot(page, "settings-account")

    # when: they delete the account, confirming with a wrong password first
    await account.get_by_role("button", name="Delete account…").click()
    dialog = page.get_by_role("dialog", name="Delete your account?")
    await dialog.get_by_label("Your password").fill("not-my-password")
    await dialog.get_by_role("button", name="Delete for good").click()
    await expect(dialog.get_by_role("alert").filter(has_text="The current password is wrong")).to_be_visible()
    await dialog.get_by_label("Your password").fill(PASSWORD)
    await dialog.get_by_role("button", name="Delete for good").click()
    # then: they are signed out, on the sign-up page
    await expect(page.get_by_role("form", name="Sign up")).to_be_visible()

    # when: a new account imports the archive
    await signed_up_and_in(page, "heir")
    await go_to(page, "Settings")
    account = page.get_by_test_id("account-section")
    await account.get_by_label("Import an archive").set_input_files(str(archive))
    # then: the result is shown and the job is back
    await expect(account.get_by_role("status").filter(has_text="Imported")).to_contain_text("1 jobs")
    await go_to(page, "Jobs")
    await expect(page.get_by_role("article", name="Archive Engineer")).to_be_visible()
