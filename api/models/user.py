from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Float, Index, String, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from api.models.base import Base, IdMixin, TimestampMixin


class User(IdMixin, TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("uq_users_username_lower", text("lower(username)"), unique=True),
        Index("uq_users_email_lower", text("lower(email)"), unique=True),
    )

    username: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(254))
    # None: the account was made by signing in with a provider and has no password (yet)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    skills: Mapped[list[str]] = mapped_column(ARRAY(String(80)), default=list, server_default="{}")
    preferred_locations: Mapped[list[str]] = mapped_column(ARRAY(String(120)), default=list, server_default="{}")
    experience_level: Mapped[str] = mapped_column(String(10), default="mid", server_default="mid")
    # spoken languages, [{"language": "German", "level": "b2"}] (levels: api.vocabulary.LanguageLevel)
    languages: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    # years per skill the person gives, [{"skill": "Python", "years": 6.0}]
    skill_years: Mapped[list[dict[str, Any]]] = mapped_column(JSONB, default=list, server_default="[]")
    years_experience: Mapped[float | None] = mapped_column(Float)  # total years of work experience, when given
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # the last authenticated visit, to know when someone comes back (welcome back after days away)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
