"""eligibility details per declared item

Revision ID: b8fcba1d49e7
Revises: 2cdaf94bfb0d
Create Date: 2026-12-02 16:00:50.065164

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8fcba1d49e7'
down_revision = '2cdaf94bfb0d'
branch_labels = None
depends_on = None


def upgrade():
    # The form now asks "Tell us more" under each item ticked. Declarations made before
    # keep their one text in `details` (still what the team reads); the form offers it
    # again under the first item declared, so nothing the candidate wrote is lost.
    with op.batch_alter_table('eligibility_declaration', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('item_details', sa.JSON(), server_default=sa.text("'{}'"), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('eligibility_declaration', schema=None) as batch_op:
        batch_op.drop_column('item_details')
