"""stage messages: templates per vacancy and pending messages

Revision ID: 565bb7475068
Revises: 3b8e1f0d9a27
Create Date: 2026-12-02 11:54:26.823523

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '565bb7475068'
down_revision = '3b8e1f0d9a27'
branch_labels = None
depends_on = None


def upgrade():
    # The team's wording of a stage's message per vacancy (the default wording is in code),
    # and each stage message until it is sent: a rejection waits so it can be undone.
    op.create_table('vacancy_message_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vacancy_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['vacancy_id'], ['vacancy.id'], name=op.f('fk_vacancy_message_template_vacancy_id_vacancy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vacancy_message_template')),
    sa.UniqueConstraint('vacancy_id', 'stage', name=op.f('uq_vacancy_message_template_vacancy_id'))
    )
    with op.batch_alter_table('vacancy_message_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vacancy_message_template_vacancy_id'), ['vacancy_id'], unique=False)

    op.create_table('pending_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('sent_to', sa.String(length=254), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_pending_message_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_message'))
    )
    with op.batch_alter_table('pending_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pending_message_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_message_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pending_message_status'), ['status'], unique=False)



def downgrade():
    with op.batch_alter_table('pending_message', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pending_message_status'))
        batch_op.drop_index(batch_op.f('ix_pending_message_due_at'))
        batch_op.drop_index(batch_op.f('ix_pending_message_application_id'))

    op.drop_table('pending_message')
    with op.batch_alter_table('vacancy_message_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vacancy_message_template_vacancy_id'))

    op.drop_table('vacancy_message_template')
