from __future__ import annotations

from sqlalchemy import BigInteger, Index
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin


class DataChange(IdMixin, Base):
    """One committed statement that changed what `owner_id` can read (0: the tables everyone
    reads), written by the `bump_data_version` triggers (api.account.versions). Insert-only, so
    writers never wait on each other; an owner's version is the sum of its rows' `weight`, which a
    compaction folds into one row without changing the sum."""

    __tablename__ = "data_changes"
    __table_args__ = (Index("ix_data_changes_owner_id", "owner_id"),)

    owner_id: Mapped[int] = mapped_column(BigInteger)
    weight: Mapped[int] = mapped_column(BigInteger, default=1, server_default="1")
