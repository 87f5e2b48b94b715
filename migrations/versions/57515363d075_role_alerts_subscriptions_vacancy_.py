"""role alerts: subscriptions, vacancy openings and alerts sent

Revision ID: 57515363d075
Revises: 565bb7475068
Create Date: 2026-12-02 15:57:52.834389

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '57515363d075'
down_revision = '565bb7475068'
branch_labels = None
depends_on = None


def upgrade():
    # Role alerts: each pool member's choices, the moment each vacancy first took
    # applications (made once, so a reopened vacancy alerts nobody twice), and one row per
    # member told of a vacancy (unique, so no rerun tells anyone twice). New tables only.
    op.create_table('alert_subscription',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('role_types', sa.JSON(), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('skill_areas', sa.JSON(), nullable=False),
    sa.Column('challenged_only', sa.Boolean(), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('last_digest_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_alert_subscription_candidate_id_candidate')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_subscription')),
    sa.UniqueConstraint('candidate_id', name=op.f('uq_alert_subscription_candidate_id'))
    )
    op.create_table('alert_sent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], name=op.f('fk_alert_sent_candidate_id_candidate')),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], name=op.f('fk_alert_sent_vacancy_id_vacancy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_sent')),
    sa.UniqueConstraint('candidate_id', 'vacancy_id', name=op.f('uq_alert_sent_candidate_id'))
    )
    with op.batch_alter_table('alert_sent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_sent_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_sent_vacancy_id'), ['vacancy_id'], unique=False)

    op.create_table('vacancy_opening',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('alerted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], name=op.f('fk_vacancy_opening_vacancy_id_vacancy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vacancy_opening')),
    sa.UniqueConstraint('vacancy_id', name=op.f('uq_vacancy_opening_vacancy_id'))
    )
    with op.batch_alter_table('vacancy_opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vacancy_opening_opened_at'), ['opened_at'], unique=False)



def downgrade():
    with op.batch_alter_table('vacancy_opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancy_opening_opened_at'))

    op.drop_table('vacancy_opening')
    with op.batch_alter_table('alert_sent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_sent_vacancy_id'))
        batch_op.drop_index(batch_op.f('ix_alert_sent_candidate_id'))

    op.drop_table('alert_sent')
    op.drop_table('alert_subscription')
