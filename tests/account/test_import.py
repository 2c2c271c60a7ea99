"""Import an archive into an empty account: a round trip, and refusals that write nothing."""

from __future__ import annotations

import json

from tests.support.account import archive, normalised, owned_counts, with_data
from tests.support.graphql import signed_up


async def send(user, body: bytes):
    headers = {"authorization": f"Bearer {user.token}", "content-type": "application/json"}
    return await user.client.post("/import/archive", content=body, headers=headers)


def nothing(counts: dict[str, int]) -> bool:
    return not any(n for name, n in counts.items() if name not in ("refresh_tokens",))


class TestRoundTrip:
    async def test_an_archive_imported_into_a_new_account_exports_the_same(self, client):
        # given
        a = await signed_up(client)
        await with_data(a)
        exported = await archive(a)
        b = await signed_up(client)
        # when
        response = await send(b, json.dumps(exported).encode())
        # then
        assert response.status_code == 200, response.text
        assert response.json()["imported"]["jobs"] == 2
        assert normalised(await archive(b)) == normalised(exported)

    async def test_it_is_refused_into_an_account_that_has_data(self, client):
        # given
        a = await signed_up(client)
        await with_data(a)
        exported = await archive(a)
        # when
        response = await send(a, json.dumps(exported).encode())
        # then
        assert response.status_code == 400 and "empty account" in response.json()["error"]["message"]
        assert (await owned_counts(a.user_id))["jobs"] == 2


class TestRefusals:
    async def test_a_wrong_version_is_refused_and_nothing_is_written(self, client):
        # given
        a = await signed_up(client)
        await with_data(a)
        exported = await archive(a)
        exported["version"] = 99
        b = await signed_up(client)
        # when
        response = await send(b, json.dumps(exported).encode())
        # then
        assert response.status_code == 400
        assert response.json()["error"]["message"] == "Archive version 99 is not supported; this server reads version 1"
        assert nothing(await owned_counts(b.user_id))

    async def test_a_bad_date_deep_in_the_archive_names_the_row_and_nothing_is_written(self, client):
        # given
        a = await signed_up(client)
        await with_data(a)
        exported = await archive(a)
        exported["tables"]["application_status_changes"][1]["changed_at"] = "yesterday-ish"
        b = await signed_up(client)
        # when
        response = await send(b, json.dumps(exported).encode())
        # then
        assert response.status_code == 400
        assert response.json()["error"]["message"].startswith("application_status_changes row 2: changed_at:")
        assert nothing(await owned_counts(b.user_id))

    async def test_a_file_over_the_limit_is_refused(self, client):
        # given
        from api.config import get_settings

        b = await signed_up(client)
        # when
        response = await send(b, b" " * (get_settings().import_max_bytes + 1))
        # then
        assert response.status_code == 413
        assert nothing(await owned_counts(b.user_id))

    async def test_a_file_that_is_not_an_archive_is_refused(self, client):
        # given
        b = await signed_up(client)
        # when
        response = await send(b, b'{"basics": {"name": "Ada"}}')
        # then
        assert response.status_code == 400 and "not a Career Companion archive" in response.json()["error"]["message"]
