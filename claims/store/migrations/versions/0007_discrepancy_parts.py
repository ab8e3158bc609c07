"""discrepancy parts: every stated part of an arithmetic discrepancy, not only the last one

A discrepancy links two claims; a total broken into three or more parts needs the others too, so
the report can show the whole sum. Discrepancies found before this revision get their parts at
the next check, which finds them again.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "discrepancy_parts",
        sa.Column("discrepancy_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
        ),
        sa.ForeignKeyConstraint(
            ["discrepancy_id"],
            ["discrepancies.id"],
        ),
        sa.PrimaryKeyConstraint("discrepancy_id", "position"),
    )


def downgrade() -> None:
    op.drop_table("discrepancy_parts")
