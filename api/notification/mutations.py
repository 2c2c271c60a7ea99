from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.graphql.inputs import given_fields
from api.graphql.mapping import from_result
from api.graphql.mutation import mutation
from api.graphql.relay import decode_id
from api.notification import preferences, service
from api.notification.types import (
    ChannelTestInput,
    ChannelTestPayload,
    Delivery,
    EmailVerificationSendInput,
    EmailVerificationSendPayload,
    NotificationMarkReadInput,
    NotificationMarkReadPayload,
    NotificationPreferences,
    NotificationPreferencesPayload,
    NotificationPreferencesUpdateInput,
    WebhookSecretRotateInput,
)
from api.vocabulary import Channel


@strawberry.type
class NotificationMutation:
    @mutation(description="Mark some (or all) notifications as read.")
    async def notification_mark_read(
        self, session: AsyncSession, user_id: int, input: NotificationMarkReadInput
    ) -> NotificationMarkReadPayload:
        ids = [decode_id(i, "Notification", "ids") for i in input.ids] if input.ids is not None else None
        return from_result(NotificationMarkReadPayload, await service.mark_read(session, user_id, ids))

    @mutation(
        description="Change how and when the companion reaches the viewer; only the given fields change. A new email "
        "address must be verified again; a webhook URL gets a signing secret when it has none."
    )
    async def notification_preferences_update(
        self, session: AsyncSession, user_id: int, input: NotificationPreferencesUpdateInput
    ) -> NotificationPreferencesPayload:
        fields = given_fields(input, exclude=["topics"])
        if input.topics is not strawberry.UNSET and input.topics is not None:
            fields["topics"] = [(t.topic.value, [c.value for c in t.channels]) for t in input.topics]
        view = await preferences.update(session, user_id, fields)
        return NotificationPreferencesPayload(preferences=NotificationPreferences.from_result(view))

    @mutation(
        description="Send a mail with a link that verifies the address (at most 5 an hour); with `email`, change the "
        "address first. Nothing but this mail goes to an unverified address."
    )
    async def email_verification_send(
        self, session: AsyncSession, user_id: int, input: EmailVerificationSendInput
    ) -> EmailVerificationSendPayload:
        return EmailVerificationSendPayload(sent=await preferences.send_verification(session, user_id, input.email))

    @mutation(description="Send a test message on a channel now; the delivery shows how it went.")
    async def channel_test(self, session: AsyncSession, user_id: int, input: ChannelTestInput) -> ChannelTestPayload:
        row = await preferences.channel_test(session, user_id, Channel(input.channel))
        return ChannelTestPayload(delivery=Delivery.from_model(row))

    @mutation(description="A new webhook signing secret; the old one stops verifying at once.")
    async def webhook_secret_rotate(
        self, session: AsyncSession, user_id: int, input: WebhookSecretRotateInput
    ) -> NotificationPreferencesPayload:
        view = await preferences.rotate_webhook_secret(session, user_id)
        return NotificationPreferencesPayload(preferences=NotificationPreferences.from_result(view))
