"""drafts of an application's own steps belong to the application

Revision ID: 3b8e1f0d9a27
Revises: f467d34df37e
Create Date: 2026-12-02 08:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b8e1f0d9a27'
down_revision = 'f467d34df37e'
branch_labels = None
depends_on = None


def upgrade():
    # A statement typed but not yet valid was kept on the candidate, so it showed in their
    # other applications. Such old drafts cannot be told apart by application: they stay
    # on the candidate (shown in their data download) and are no longer offered on a step.
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('draft_data', sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('application', schema=None) as batch_op:
        batch_op.drop_column('draft_data')
