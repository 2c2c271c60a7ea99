"""delivery: notification preferences (channels per topic, quiet hours, digest times, vacation, email,
push, calendar token), digests, deliveries, interview appointments, applications.follow_up_on

Revision ID: 0008_delivery
Revises: 0007_guidance
Create Date: 2026-11-29 18:24:37.697915
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0008_delivery'
down_revision = '0007_guidance'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('digests',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('local_date', sa.Date(), nullable=False),
    sa.Column('is_test', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('sections', postgresql.JSONB(astext_type=sa.Text()), server_default='[]', nullable=False),
    sa.Column('text', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("kind IN ('morning', 'evening')", name=op.f('ck_digests_kind_known')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_digests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_digests'))
    )
    op.create_index('ix_digests_user_id_created_at', 'digests', ['user_id', 'created_at'], unique=False)
    op.create_index('uq_digests_user_id_kind_local_date', 'digests', ['user_id', 'kind', 'local_date'], unique=True, postgresql_where=sa.text('NOT is_test'))
    op.create_table('notification_preferences',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('channels', postgresql.JSONB(astext_type=sa.Text()), server_default='{"job_alerts": ["in_app"], "insights": ["in_app"], "digests": ["in_app"], "follow_ups": ["in_app"], "application_updates": ["in_app"]}', nullable=False),
    sa.Column('quiet_hours_start', sa.Time(), server_default='22:00', nullable=True),
    sa.Column('quiet_hours_end', sa.Time(), server_default='07:00', nullable=True),
    sa.Column('morning_enabled', sa.Boolean(), server_default='true', nullable=False),
    sa.Column('morning_time', sa.Time(), server_default='07:30', nullable=False),
    sa.Column('evening_enabled', sa.Boolean(), server_default='true', nullable=False),
    sa.Column('evening_time', sa.Time(), server_default='19:00', nullable=False),
    sa.Column('send_when_quiet', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('vacation_until', sa.Date(), nullable=True),
    sa.Column('job_alert_mode', sa.String(length=10), server_default='instant', nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('email_verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ntfy_url', sa.Text(), nullable=True),
    sa.Column('ntfy_token', sa.String(length=200), nullable=True),
    sa.Column('webhook_url', sa.Text(), nullable=True),
    sa.Column('webhook_secret', sa.String(length=100), nullable=True),
    sa.Column('next_morning_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_evening_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('calendar_token_hash', sa.String(length=64), nullable=True),
    sa.Column('calendar_token_created_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("job_alert_mode IN ('instant', 'digest')", name=op.f('ck_notification_preferences_job_alert_mode_known')),
    sa.CheckConstraint("jsonb_typeof(channels) = 'object'", name=op.f('ck_notification_preferences_channels_object')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification_preferences')),
    sa.UniqueConstraint('user_id', name=op.f('uq_notification_preferences_user_id'))
    )
    op.create_index('ix_notification_preferences_next_evening_at', 'notification_preferences', ['next_evening_at'], unique=False)
    op.create_index('ix_notification_preferences_next_morning_at', 'notification_preferences', ['next_morning_at'], unique=False)
    op.create_index('uq_notification_preferences_calendar_token_hash', 'notification_preferences', ['calendar_token_hash'], unique=True)
    op.create_table('deliveries',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('subject', sa.String(length=300), server_default='', nullable=False),
    sa.Column('digest_id', sa.BigInteger(), nullable=True),
    sa.Column('notification_id', sa.BigInteger(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), server_default='pending', nullable=False),
    sa.Column('attempts', sa.SmallInteger(), server_default='0', nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.CheckConstraint("channel IN ('in_app', 'email', 'ntfy', 'webhook')", name=op.f('ck_deliveries_channel_known')),
    sa.CheckConstraint("status IN ('pending', 'sent', 'failed', 'skipped')", name=op.f('ck_deliveries_status_known')),
    sa.ForeignKeyConstraint(['digest_id'], ['digests.id'], name=op.f('fk_deliveries_digest_id_digests'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], name=op.f('fk_deliveries_notification_id_notifications'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_deliveries_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliveries')),
    sa.UniqueConstraint('dedupe_key', name=op.f('uq_deliveries_dedupe_key'))
    )
    op.create_index(op.f('ix_deliveries_digest_id'), 'deliveries', ['digest_id'], unique=False)
    op.create_index(op.f('ix_deliveries_notification_id'), 'deliveries', ['notification_id'], unique=False)
    op.create_index('ix_deliveries_user_id_created_at', 'deliveries', ['user_id', 'created_at'], unique=False)
    op.create_table('interview_appointments',
    sa.Column('user_id', sa.BigInteger(), nullable=False),
    sa.Column('application_id', sa.BigInteger(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('duration_minutes', sa.SmallInteger(), server_default='60', nullable=False),
    sa.Column('kind', sa.String(length=20), server_default='other', nullable=False),
    sa.Column('location', sa.String(length=300), server_default='', nullable=False),
    sa.Column('link', sa.String(length=500), server_default='', nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('id', sa.BigInteger(), autoincrement=True, nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('phone_screen', 'technical', 'behavioral', 'onsite', 'final', 'other')", name=op.f('ck_interview_appointments_kind_known')),
    sa.CheckConstraint('duration_minutes BETWEEN 5 AND 1440', name=op.f('ck_interview_appointments_duration_minutes_range')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_interview_appointments_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_interview_appointments_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_appointments'))
    )
    op.create_index('ix_interview_appointments_application_id', 'interview_appointments', ['application_id'], unique=False)
    op.create_index('ix_interview_appointments_user_id_starts_at', 'interview_appointments', ['user_id', 'starts_at'], unique=False)
    op.add_column('applications', sa.Column('follow_up_on', sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column('applications', 'follow_up_on')
    op.drop_index('ix_interview_appointments_user_id_starts_at', table_name='interview_appointments')
    op.drop_index('ix_interview_appointments_application_id', table_name='interview_appointments')
    op.drop_table('interview_appointments')
    op.drop_index('ix_deliveries_user_id_created_at', table_name='deliveries')
    op.drop_index(op.f('ix_deliveries_notification_id'), table_name='deliveries')
    op.drop_index(op.f('ix_deliveries_digest_id'), table_name='deliveries')
    op.drop_table('deliveries')
    op.drop_index('uq_notification_preferences_calendar_token_hash', table_name='notification_preferences')
    op.drop_index('ix_notification_preferences_next_morning_at', table_name='notification_preferences')
    op.drop_index('ix_notification_preferences_next_evening_at', table_name='notification_preferences')
    op.drop_table('notification_preferences')
    op.drop_index('uq_digests_user_id_kind_local_date', table_name='digests', postgresql_where=sa.text('NOT is_test'))
    op.drop_index('ix_digests_user_id_created_at', table_name='digests')
    op.drop_table('digests')
