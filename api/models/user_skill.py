from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, String, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class UserSkill(IdMixin, TimestampMixin, Base):
    """A user's extension of the skills taxonomy: a new skill, or more aliases for a known one."""

    __tablename__ = "user_skills"
    __table_args__ = (Index("uq_user_skills_user_id_lower_name", "user_id", text("lower(name)"), unique=True),)

    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    aliases: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list, server_default="{}")
    category: Mapped[str | None] = mapped_column(String(20))
