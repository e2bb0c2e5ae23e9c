"""Accompaniment: meetings (and each candidate's notes), evidence entered by the mentor for the candidate,
answers and experience descriptions recorded instead of written.

Revision ID: 0004_accomp
Revises: 0003_jury
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_accomp'
down_revision = "0004_records"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('accompaniment_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('video_link', sa.String(length=500), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('planned_minutes', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('held_minutes', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(state = 'held') = (held_minutes IS NOT NULL)", name=op.f('ck_accompaniment_meeting_held_has_minutes')),
    sa.CheckConstraint("format IN ('individual', 'group')", name=op.f('ck_accompaniment_meeting_format_valid')),
    sa.CheckConstraint("mode IN ('onsite', 'video')", name=op.f('ck_accompaniment_meeting_mode_valid')),
    sa.CheckConstraint("state IN ('scheduled', 'held', 'cancelled')", name=op.f('ck_accompaniment_meeting_state_valid')),
    sa.CheckConstraint('held_minutes IS NULL OR (held_minutes > 0 AND held_minutes <= 480)', name=op.f('ck_accompaniment_meeting_held_minutes_valid')),
    sa.CheckConstraint('planned_minutes > 0 AND planned_minutes <= 480', name=op.f('ck_accompaniment_meeting_planned_minutes_valid')),
    sa.ForeignKeyConstraint(['mentor_id'], ['user.id'], name=op.f('fk_accompaniment_meeting_mentor_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accompaniment_meeting'))
    )
    with op.batch_alter_table('accompaniment_meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accompaniment_meeting_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accompaniment_meeting_starts_at'), ['starts_at'], unique=False)

    op.create_table('accompaniment_attendee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_accompaniment_attendee_case_id_case'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['accompaniment_meeting.id'], name=op.f('fk_accompaniment_attendee_meeting_id_accompaniment_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accompaniment_attendee')),
    sa.UniqueConstraint('meeting_id', 'case_id', name=op.f('uq_accompaniment_attendee_meeting_id_case_id'))
    )
    with op.batch_alter_table('accompaniment_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_accompaniment_attendee_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accompaniment_attendee_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('assisted_proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_block_id', sa.Integer(), nullable=False),
    sa.Column('competence_id', sa.Integer(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('typed_by_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('file_id', sa.Integer(), nullable=True),
    sa.Column('original_filename', sa.String(length=255), nullable=True),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('refusal_reason', sa.Text(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("(kind = 'text' AND file_id IS NULL) OR (kind <> 'text' AND file_id IS NOT NULL)", name=op.f('ck_assisted_proposal_content_matches_kind')),
    sa.CheckConstraint("kind IN ('text', 'photo', 'audio', 'video', 'document')", name=op.f('ck_assisted_proposal_kind_valid')),
    sa.CheckConstraint("state IN ('proposed', 'refused', 'confirmed')", name=op.f('ck_assisted_proposal_state_valid')),
    sa.ForeignKeyConstraint(['case_block_id'], ['case_block.id'], name=op.f('fk_assisted_proposal_case_block_id_case_block'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['competence_id'], ['competence.id'], name=op.f('fk_assisted_proposal_competence_id_competence')),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_assisted_proposal_evidence_id_evidence'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['file_id'], ['stored_file.id'], name=op.f('fk_assisted_proposal_file_id_stored_file')),
    sa.ForeignKeyConstraint(['meeting_id'], ['accompaniment_meeting.id'], name=op.f('fk_assisted_proposal_meeting_id_accompaniment_meeting'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['typed_by_id'], ['user.id'], name=op.f('fk_assisted_proposal_typed_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assisted_proposal'))
    )
    with op.batch_alter_table('assisted_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assisted_proposal_case_block_id'), ['case_block_id'], unique=False)

    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_annotation_file_id_stored_file'), 'stored_file', ['file_id'], ['id'])

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('typed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_evidence_typed_by_id_user'), 'user', ['typed_by_id'], ['id'])

    with op.batch_alter_table('experience', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recording_file_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_experience_recording_file_id_stored_file'), 'stored_file', ['recording_file_id'], ['id'])



def downgrade():
    with op.batch_alter_table('experience', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_experience_recording_file_id_stored_file'), type_='foreignkey')
        batch_op.drop_column('recording_file_id')

    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_evidence_typed_by_id_user'), type_='foreignkey')
        batch_op.drop_column('typed_by_id')

    with op.batch_alter_table('annotation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_annotation_file_id_stored_file'), type_='foreignkey')
        batch_op.drop_column('file_id')

    with op.batch_alter_table('assisted_proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assisted_proposal_case_block_id'))

    op.drop_table('assisted_proposal')
    with op.batch_alter_table('accompaniment_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accompaniment_attendee_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_accompaniment_attendee_case_id'))

    op.drop_table('accompaniment_attendee')
    with op.batch_alter_table('accompaniment_meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accompaniment_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_accompaniment_meeting_mentor_id'))

    op.drop_table('accompaniment_meeting')
