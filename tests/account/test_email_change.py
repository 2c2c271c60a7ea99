"""Change the sign-in address: a link goes to the new address; it takes effect when opened."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tests.support.graphql import PASSWORD, SIGN_IN, signed_up, unique

CHANGE = """
mutation C($input: EmailChangeInput!) { emailChange(input: $input) { sent errors { field message code } } }
"""
VIEWER = "query { viewer { email } }"


def link_in(message) -> str:
    text = message.get_body(preferencelist=("plain",)).get_content()
    url = re.search(r"https://cc\.test(/account/email/confirm\?token=[^\s]+)", text)
    assert url, text
    return url.group(1)


class TestEmailChange:
    async def test_the_new_address_takes_effect_when_the_link_is_opened(self, client, mailbox, worker):
        # given
        user = await signed_up(client)
        new = f"{unique('moved')}@example.org"
        # when
        data = await user.gql(CHANGE, {"input": {"newEmail": new, "password": PASSWORD}})
        # then: nothing changes until the link is opened
        assert data["emailChange"] == {"sent": True, "errors": []}
        [message] = await mailbox.wait_for(new)
        assert (await user.gql(VIEWER))["viewer"]["email"] == f"{user.username}@example.com"
        # when
        response = await client.get(link_in(message))
        # then
        assert response.status_code == 200 and new in response.text
        assert (await user.gql(VIEWER))["viewer"]["email"] == new
        signed_in = await user.gql(SIGN_IN, {"input": {"username": new, "password": PASSWORD}})
        assert signed_in["tokenCreate"]["errors"] == []

    async def test_a_wrong_password_is_refused_and_no_mail_is_sent(self, client, mailbox):
        # given
        user = await signed_up(client)
        # when
        data = await user.gql(CHANGE, {"input": {"newEmail": "x@example.org", "password": "nope"}})
        # then
        [error] = data["emailChange"]["errors"]
        assert (error["field"], error["code"]) == ("password", "INVALID_CREDENTIALS")

    async def test_an_altered_link_is_refused(self, client):
        # when
        response = await client.get("/account/email/confirm?token=abc.def.ghi")
        # then
        assert response.status_code == 400 and "not valid" in response.text
        assert urlsplit(str(response.url)).path == "/account/email/confirm"
