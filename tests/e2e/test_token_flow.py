"""Settings → Access tokens: a person creates a token, copies it, uses it from a script, and revokes it;
the AI assistants section shows copyable MCP configuration with this server's address."""

from __future__ import annotations

import httpx
from playwright.async_api import expect

from tests.support.browser import go_to, screenshot, signed_up_and_in
from tests.support.waiting import eventually

QUERY = "query { viewer { username } jobs(first: 1) { totalCount } }"
MUTATION = 'mutation { jobCreate(input: {company: "Acme", title: "Engineer"}) { job { id } } }'


async def test_a_token_made_in_settings_works_from_a_script_until_revoked(page, context, base_url):
    # given a signed-in person on Settings
    await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    username = await signed_up_and_in(page, "pat")
    await go_to(page, "Settings")
    section = page.get_by_test_id("access-tokens")

    # when they create a token that reads their profile and jobs, and copy it
    await section.get_by_label("Token name").fill("My script")
    await section.get_by_label("Profile and settings: read").check()
    await section.get_by_label("Expires after").select_option("30")
    await section.get_by_role("button", name="Create token").click()
    shown = await section.get_by_label("Your new token").input_value()
    await section.get_by_role("button", name="Copy token").click()
    copied = await page.evaluate("navigator.clipboard.readText()")
    await screenshot(page, "tokens-01-created")

    # then a script reads with it, and cannot write with it
    assert shown.startswith("cc_pat_") and copied == shown
    async with httpx.AsyncClient(base_url=base_url, headers={"authorization": f"Bearer {copied}"}) as script:
        read = (await script.post("/graphql", json={"query": QUERY})).json()
        write = (await script.post("/graphql", json={"query": MUTATION})).json()
    assert read["data"] == {"viewer": {"username": username}, "jobs": {"totalCount": 0}}
    assert write["errors"][0]["extensions"]["code"] == "FORBIDDEN"

    # and the list shows the token with its last use; revoking it stops the script
    await page.reload()
    row = section.get_by_test_id("token-row").filter(has_text="My script")
    await expect(row).to_contain_text("profile:read")
    await expect(row.get_by_test_id("token-last-used")).to_contain_text("127.0.0.1")
    await row.get_by_role("button", name="Revoke My script").click()
    await expect(row).to_contain_text("Revoked")
    async with httpx.AsyncClient(base_url=base_url, headers={"authorization": f"Bearer {copied}"}) as script:
        refused = (await script.post("/graphql", json={"query": QUERY})).json()
    assert refused["errors"][0]["message"] == "Access token revoked"


async def test_the_mcp_section_shows_configuration_with_this_servers_address(page, context, base_url):
    # given a signed-in person on Settings
    await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    await signed_up_and_in(page, "mcp")
    await go_to(page, "Settings")
    section = page.get_by_test_id("mcp-config")

    # when they copy the Claude Code command
    await section.get_by_role("button", name="Copy Claude Code configuration").click()
    await screenshot(page, "tokens-02-mcp")

    # then it adds this server's /mcp over HTTP (the clipboard is the browser's, so wait for the write to
    # replace what an earlier test copied), and every client's snippet is shown
    async def copied() -> str:
        return await page.evaluate("navigator.clipboard.readText()")

    command = f"claude mcp add --transport http career-companion {base_url}/mcp"
    await eventually(lambda: _starts_with(copied, command))
    await expect(section.get_by_test_id("mcp-url")).to_have_text(f"{base_url}/mcp")
    for client in ("Claude Desktop", "Cursor", "VS Code"):
        await expect(section.get_by_role("button", name=f"Copy {client} configuration")).to_be_visible()


async def _starts_with(read, prefix: str) -> bool:
    return (await read()).startswith(prefix)
