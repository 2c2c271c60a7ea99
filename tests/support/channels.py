"""GraphQL documents and seeding helpers for the channels tests (preferences, deliveries, links)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from api.db import read_session, unit_of_work
from api.models import Delivery, Digest, NotificationPreference, User

ERRORS = "errors { field message code }"
PREFERENCE_FIELDS = """
  topics { topic channels } quietHoursStart quietHoursEnd morningEnabled morningTime eveningEnabled eveningTime
  sendWhenQuiet vacationUntil jobAlertMode timezone email emailVerified ntfyUrl ntfyTokenSet webhookUrl webhookSecret
  channels { channel configured ready detail } nextMorningAt nextEveningAt
"""
PREFERENCES = f"query Preferences {{ viewer {{ timezone notificationPreferences {{ {PREFERENCE_FIELDS} }} }} }}"
PREFERENCES_UPDATE = f"""
mutation Update($input: NotificationPreferencesUpdateInput!) {{
  notificationPreferencesUpdate(input: $input) {{ preferences {{ {PREFERENCE_FIELDS} }} {ERRORS} }}
}}
"""
DELIVERY_FIELDS = "id channel topic subject status attempts lastError createdAt sentAt digest { id subject }"
CHANNEL_TEST = f"""
mutation Test($input: ChannelTestInput!) {{ channelTest(input: $input) {{ delivery {{ {DELIVERY_FIELDS} }} {ERRORS} }} }}
"""
VERIFICATION_SEND = f"""
mutation Verify($input: EmailVerificationSendInput!) {{ emailVerificationSend(input: $input) {{ sent {ERRORS} }} }}
"""
SECRET_ROTATE = f"""
mutation Rotate {{ webhookSecretRotate(input: {{confirm: true}}) {{ preferences {{ webhookUrl webhookSecret }} {ERRORS} }} }}
"""
DELIVERIES = f"""
query Deliveries($first: Int, $after: String, $channel: Channel, $status: DeliveryStatus) {{
  viewer {{ deliveries(first: $first, after: $after, channel: $channel, status: $status) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {DELIVERY_FIELDS} }} }}
  }} }}
}}
"""


async def prefer(user_id: int, **fields: Any) -> None:
    """Set preference columns directly (a known history), creating the row when needed."""
    async with unit_of_work() as session:
        statement = insert(NotificationPreference).values(user_id=user_id, **fields)
        await session.execute(statement.on_conflict_do_update(index_elements=["user_id"], set_=fields))


async def verified(user_id: int, **fields: Any) -> None:
    """The account's address verified, and the given preferences."""
    await prefer(user_id, email_verified_at=datetime.now(UTC), **fields)


async def preferences_row(user_id: int) -> NotificationPreference:
    async with read_session() as session:
        query = select(NotificationPreference).where(NotificationPreference.user_id == user_id)
        return (await session.execute(query)).scalar_one()


async def account_email(user_id: int) -> str:
    async with read_session() as session:
        return (await session.execute(select(User.email).where(User.id == user_id))).scalar_one()


async def deliveries_of(user_id: int) -> list[Delivery]:
    async with read_session() as session:
        query = select(Delivery).where(Delivery.user_id == user_id).order_by(Delivery.id)
        return list((await session.execute(query)).scalars())


async def delivery_row(delivery_id: int) -> Delivery:
    async with read_session() as session:
        return (await session.execute(select(Delivery).where(Delivery.id == delivery_id))).scalar_one()


async def seed_digest(user_id: int, subject: str = "Your morning briefing: 2 strong matches", **fields: Any) -> int:
    sections = [
        {
            "key": "matches",
            "title": "Strong matches",
            "items": [
                {"text": "Backend Engineer at Acme — 91", "detail": "Python & PostgreSQL, like you", "href": "/jobs/Sm9iOjE="},
                {"text": "Data Engineer at <Globex>", "detail": None, "href": None},
            ],
        },
        {"key": "focus", "title": "Today's focus", "items": [{"text": "Tuesdays you usually practise interviews"}]},
    ]
    row = Digest(
        user_id=user_id,
        kind="morning",
        local_date=fields.pop("local_date", datetime.now(UTC).date()),
        is_test=fields.pop("is_test", True),
        subject=subject,
        sections=sections,
        text="Strong matches\n- Backend Engineer at Acme — 91\n",
        **fields,
    )
    async with unit_of_work() as session:
        session.add(row)
        await session.flush()
        return row.id
