"""Request bodies of the team's view: who a member is, relationship owners, meetings
given to members."""

from __future__ import annotations

from pydantic import Field

from allies.web.schemas.common import ApiModel, Name

__all__ = ["JoinIn", "MemberIn", "OwnerOut"]


class JoinIn(ApiModel):
    """Who I am in the workspace's network: a person of it, or a new person."""

    person_id: int | None = Field(
        default=None, ge=1, description="A person of the network who is me."
    )
    new_name: Name | None = Field(
        default=None, description="The name of a new person who is me (instead of person_id)."
    )


class MemberIn(ApiModel):
    """A member of the team, or nobody."""

    username: Name | None = Field(
        default=None, description="The member's username; null for nobody."
    )


class OwnerOut(ApiModel):
    """The owner of the team's relationship with a person."""

    person: str
    owner: str | None
