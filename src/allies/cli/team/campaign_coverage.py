"""``allies campaign coverage``: who on the team covers each decider and stakeholder."""

from __future__ import annotations

from typing import Annotated

import typer

from allies.cli.campaigns.manage import campaign_app
from allies.cli.output import Format
from allies.cli.team.team import AsOfOpt, FormatOpt, show_coverage


@campaign_app.command("coverage")
def coverage(
    ctx: typer.Context,
    campaign: Annotated[str, typer.Argument(help="The campaign: id, name or 'active'.")],
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.TABLE,
) -> None:
    """Who on the team covers the campaign: for each decider and stakeholder, the member
    who owns the relationship, how warm it is, who is best placed, and the gaps first.

    Example: allies -w public-affairs campaign coverage active
    """
    show_coverage(ctx, campaign, as_of, fmt)
