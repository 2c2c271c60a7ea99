from __future__ import annotations

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from api.digest import service
from api.digest.types import Digest, DigestPayload, DigestPreviewInput
from api.graphql.mutation import mutation
from api.vocabulary import DigestKind


@strawberry.type
class DigestMutation:
    @mutation(
        description="Send me a test now: compose a digest of this kind now (even when there is little to say), keep it "
        "as a test (the day's digest still comes) and deliver it in the app and on the chosen channels. "
        f"At most {service.PREVIEWS_PER_HOUR} an hour."
    )
    async def digest_preview(self, session: AsyncSession, user_id: int, input: DigestPreviewInput) -> DigestPayload:
        return DigestPayload(digest=Digest.from_model(await service.preview(session, user_id, DigestKind(input.kind))))
