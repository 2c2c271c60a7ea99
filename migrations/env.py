"""Alembic environment: async engine from DATABASE_URL (or the connection passed in by tests)."""

from __future__ import annotations

import asyncio
from logging.config import fileConfig

from alembic import context
from sqlalchemy.engine import Connection

from api.config import Settings
from api.db import create_engine
from api.models import Base

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logging", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def do_run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
        sync_data_versions(connection)


def sync_data_versions(connection: Connection) -> None:
    """At head, every table has its data-version triggers (api.account.versions), whichever revision
    added it: they are derived from the models, which match the head schema."""
    heads = set(context.get_context().get_current_heads())
    if heads and heads == set(context.script.get_heads()):
        from api.account import versions

        versions.sync(connection)


async def run_async_migrations() -> None:
    settings = Settings()
    if config.get_main_option("sqlalchemy.url"):
        settings = Settings(database_url=config.get_main_option("sqlalchemy.url"))
    engine = create_engine(settings)
    async with engine.connect() as connection:
        await connection.run_sync(do_run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=Settings().async_database_url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    connection = config.attributes.get("connection")
    if connection is not None:
        do_run_migrations(connection)
    else:
        asyncio.run(run_async_migrations())
