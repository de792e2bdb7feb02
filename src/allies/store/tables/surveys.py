"""Tables of network surveys (revision 0014): a survey, the people invited to answer it
through personal links, and the ties each answer became (so an answer can be withdrawn).
Revision 0019 adds when each link was mailed and a reminder sent, and makes each answer
a record of its workspace (its tie, the survey's title, the day), which backups carry."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, Text

from allies.store.tables.columns import HASH, NAME, UTCDateTime, _id, _user, _workspace, metadata

surveys = Table(
    "surveys",
    metadata,
    _id(),
    _workspace(),
    Column("title", String(NAME), nullable=False),
    Column("questions", JSON, nullable=False),
    #: The key the survey's links are signed with (never shown).
    Column("signing_key", String(HASH), nullable=False),
    _user("created_by", nullable=True, ondelete="SET NULL"),
    Column("created_on", Date, nullable=False),
    Column("expires_on", Date, nullable=False),
    #: Remind those who have not answered this many days after their link was mailed.
    Column("remind_after_days", Integer),
    sqlite_autoincrement=True,
)

survey_invites = Table(
    "survey_invites",
    metadata,
    _id(),
    Column(
        "survey_id",
        Integer,
        ForeignKey("surveys.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column(
        "person_id",
        Integer,
        ForeignKey("people.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    #: Changes when a link is made anew, so an older link stops working.
    Column("nonce", String(HASH), nullable=False),
    Column("answered_at", UTCDateTime()),
    Column("withdrawn_at", UTCDateTime()),
    Column("mailed_at", UTCDateTime()),
    Column("reminded_at", UTCDateTime()),
    #: Why the link could not be mailed (no address, the server refused), else empty.
    Column("mail_error", Text, nullable=False, default="", server_default=""),
    sqlite_autoincrement=True,
)

survey_answers = Table(
    "survey_answers",
    metadata,
    _id(),
    _workspace(),
    Column(
        "tie_id", Integer, ForeignKey("ties.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    #: The invitation answered (empty once restored from a backup: links are not).
    Column(
        "invite_id",
        Integer,
        ForeignKey("survey_invites.id", ondelete="SET NULL"),
        index=True,
    ),
    Column("survey", String(NAME), nullable=False),
    Column("answered_on", Date, nullable=False),
    sqlite_autoincrement=True,
)
