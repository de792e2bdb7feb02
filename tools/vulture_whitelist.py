"""Names vulture (``make lint``) would report as unused that are used all the same.

Vulture reads only Python: it cannot see a route called by FastAPI, a field read by a
Jinja template or serialised by pydantic, a hook SQLAlchemy calls. Routes, commands and
Alembic's revision variables are left out in ``[tool.vulture]`` of pyproject.toml by
their decorators and names; the rest is named here, with why. Each line is the name as
vulture sees it (``_.name`` for an attribute), then where it is defined.
"""

# ruff: noqa
_: object

# Framework hooks: names SQLAlchemy, expat, Jinja or Typer call or read, never our
# own code.
_.__doc__  # attribute in cli/transfer/exporting.py
_.__doc__  # attribute in cli/transfer/importing.py
_.StartElementHandler  # attribute in interchange/xmltree.py
_.EndElementHandler  # attribute in interchange/xmltree.py
_.CharacterDataHandler  # attribute in interchange/xmltree.py
_.EntityDeclHandler  # attribute in interchange/xmltree.py
_.UnparsedEntityDeclHandler  # attribute in interchange/xmltree.py
_.ExternalEntityRefHandler  # attribute in interchange/xmltree.py
_.isolation_level  # attribute in store/engine.py
impl  # variable in store/tables/columns.py
cache_ok  # variable in store/tables/columns.py
_.process_bind_param  # method in store/tables/columns.py
_.process_result_value  # method in store/tables/columns.py
_.auto_reload  # attribute in web/app.py
_.preprocess  # method in web/team/csrf.py
_.__qualname__  # attribute in web/api/plain.py (FastAPI and tracebacks name the endpoint)
_.__signature__  # attribute in web/api/plain.py (FastAPI reads the endpoint's parameters)

# The parameters of ``__exit__`` that the context-manager protocol passes.
exc_type  # variable in services/ports/accounts.py
tb  # variable in services/ports/accounts.py
exc_type  # variable in services/ports/workspace.py
tb  # variable in services/ports/workspace.py
exc_type  # variable in store/accounts.py
tb  # variable in store/accounts.py
exc_type  # variable in store/uow.py
tb  # variable in store/uow.py

# Enum members: stored, parsed and offered as choices by value, never named in code.
trusts  # variable in analysis/evidence_records.py
reports_to  # variable in analysis/evidence_records.py
works_with  # variable in analysis/evidence_records.py
knows  # variable in analysis/evidence_records.py
deferred_to  # variable in analysis/evidence_records.py
eyes_went_to  # variable in analysis/evidence_records.py
has_ear_of  # variable in analysis/evidence_records.py
sought_advice_from  # variable in analysis/evidence_records.py
endorsed  # variable in analysis/evidence_records.py
IC  # variable in cli/campaigns/plan.py
WON  # variable in domain/campaigns.py
LOST  # variable in domain/campaigns.py
SHELVED  # variable in domain/campaigns.py
REACHED  # variable in domain/goals.py
DROPPED  # variable in domain/goals.py

# Fields of the pydantic response models: serialised into the JSON of the REST API.
to_celebrate  # variable in web/schemas/alliances.py
days_since  # variable in web/schemas/keep/views.py
plain_rate  # variable in web/schemas/keep/views.py
last_received  # variable in web/schemas/keep/views.py
fix  # variable in web/schemas/keep/views.py
removed_id  # variable in web/schemas/network/people.py
kept_id  # variable in web/schemas/network/people.py
exported_at  # variable in web/schemas/records.py
uses_token_command  # variable in web/schemas/sync.py

# Read by the Jinja templates (web/templates), which vulture does not see.
to_celebrate  # variable in services/alliances/manage.py
on_board_within  # variable in services/campaigns/stances.py (the campaign page's threshold)
me_name  # variable in services/network/overview.py
_.is_empty  # property in services/network/overview.py
their_reliability  # variable in services/standing/parts.py
candidate_ids  # variable in services/transfer/import_report.py
my_replies  # variable in services/transfer/import_report.py
their_replies  # variable in services/transfer/import_report.py
last_x  # variable in web/charts.py
label_y  # variable in web/charts.py
_.has_error  # method in web/forms.py
_.field_error  # method in web/forms.py
previous_url  # variable in web/pages/listing.py
x1  # variable in web/pages/campaigns/svg.py
y1  # variable in web/pages/campaigns/svg.py
x2  # variable in web/pages/campaigns/svg.py
y2  # variable in web/pages/campaigns/svg.py
rotate  # variable in web/pages/campaigns/svg.py
href  # variable in web/pages/records.py
edit  # variable in web/pages/records.py
settle  # variable in web/pages/records.py
settle_version  # field of web/pages/records.py's Row (records/list.html)
attrs  # variable in web/pages/specs.py
submit  # variable in web/pages/specs.py

# Fields of results and records: part of what an analysis or a use case returns, read by the
# faces through the response models, by the templates or by the tests.
observer  # variable in analysis/evidence_records.py
demand_issue  # variable in analysis/forecast/exchange_results.py
supply_issue  # variable in analysis/forecast/exchange_results.py
initial_outcome  # variable in analysis/forecast/exchange_results.py
proposer  # variable in analysis/forecast/expected_utility.py
_.trajectory  # property in analysis/forecast/expected_utility.py
decider_weights  # variable in analysis/influence.py
via_strength  # variable in analysis/powerbase.py
_.listener_and_leader  # property in domain/ties.py
recurring  # variable in interchange/icalendar_import.py
pull  # variable in services/campaigns/forecast.py
projected_support  # variable in services/campaigns/meetings.py
support_before  # variable in services/campaigns/meetings.py
group_after_step  # variable in services/campaigns/meetings.py
group_support  # variable in services/campaigns/meetings.py
total_power  # variable in services/campaigns/plan_results.py
base_support  # variable in services/campaigns/plan_results.py
first_position  # variable in services/campaigns/stances.py
their_salience_give  # variable in services/campaigns/trades.py
my_salience_give  # variable in services/campaigns/trades.py
their_salience_get  # variable in services/campaigns/trades.py
my_salience_get  # variable in services/campaigns/trades.py
single_issue  # variable in services/campaigns/trades.py
ordered_by  # variable in services/influence/ranking.py
days_since  # variable in services/keep/checkins.py
plain_rate  # variable in services/keep/ledger.py
last_received  # variable in services/keep/ledger.py
last_used  # variable in services/team/tokens.py

# Public helpers and aliases that no code in src/allies calls. The tests call some of them
# (sample_rr_sets_fast, successors, subgraph, in_quadrant, listens_among); the others have
# no caller at all.
sample_rr_sets_fast  # function in analysis/cascade/_fast.py
covered_before  # variable in analysis/cascade/_rrsets.py
_.expected_count  # property in analysis/cascade/result.py
DISCOUNTING_OBSERVATION_KINDS  # variable in analysis/evidence_records.py
_.medians  # property in analysis/forecast/expected_utility.py
_.indices_of  # method in analysis/graph.py
_.successors  # method in analysis/graph.py
_.subgraph  # method in analysis/graph.py
_.in_quadrant  # method in services/campaigns/charts.py
_.listens_among  # method in services/campaigns/inputs.py
their_s  # variable in services/campaigns/trades.py
_.interactions_by_person  # method in services/keep/snapshot.py
_.favours_by_person  # method in services/keep/snapshot.py
AuditFormat  # variable in services/team/audit.py
_.ids_where  # method in store/repositories/people.py
_.of_people  # method in store/repositories/special.py
_.open_due  # method in store/repositories/special.py
Templates  # variable in web/deps.py
Unit01  # variable in web/schemas/network/structure.py
_.dismiss  # variable in web/api/agenda.py (a field of the API's answer)
_.important  # property in web/pages/agenda/today.py (read by the template)
_.routine_count  # property in web/pages/agenda/today.py (read by the template)
_.hidden  # property in web/pages/agenda/today.py (read by the template)
_.drop_workspace  # a whole workspace dropped at once: the store offers it, tests/integration/store/test_uow.py checks it
_.forget_account  # store/cards.py: a removed CalDAV/CardDAV account's sync state (for the account removal)
# Plain functions the command line registers by name in its lazy COMMANDS table (cli/app.py).
demo  # function in cli/demo.py: `allies demo`
serve  # function in cli/serve.py: `allies serve`
worker  # function in cli/worker.py: `allies worker`
timestamp  # argument procrastinate passes to periodic tasks (background/queue.py)

# The team's members, organisations as actors and surveys (issue 18): enum members used by
# value, and fields the survey pages read.
MEMBER_OF  # variable in domain/affiliations.py
FUNDS  # variable in domain/affiliations.py
PARTNERS_WITH  # variable in domain/affiliations.py
COMPETES_WITH  # variable in domain/affiliations.py
_.respondent  # attribute in services/surveys/answer.py (surveys/respond.html)
_.withdraw_path  # attribute in services/surveys/answer.py (surveys/respond.html)
_.answered_on  # field of domain/survey_answers.py (stored, and carried by backups)
_.not_mailed  # field of web/api/surveys.py's answer (the links not e-mailed)
_._days_in_range  # pydantic validator in web/schemas/common.py (called by pydantic)

# Relationship health from the database's sums (issue 22).
row_of  # function in services/keep/health.py: the object path's row, which tests compare the sums' with
_.fair  # field of services/keep/health_board.py's HealthSummary (keep/health.html)
_.unscored  # field of services/keep/health_board.py's HealthSummary (keep/health.html)

# The map's data by level of detail (issues 17 and 22).
network_map  # function in services/network/map.py: every person and tie as objects, which tests compare map_view's with

# Plain words on the campaign and person pages (issue 17): read by the templates.
_.arithmetic  # property of services/campaigns/trades.py's PersonTrade (campaigns/_trades.html)
_.lx  # field of web/pages/campaigns/svg.py's Dot (campaigns/_svg.html)
_.ly  # field of web/pages/campaigns/svg.py's Dot (campaigns/_svg.html)

# The command line's own list of commands (cli/help_page.py), called by click.
_.format_help  # method of cli/app.py's _AlliesGroup (click draws help through it)

# Quick option coercion (issue 22): assigned onto Typer's parameter class, which calls it.
_.get_runtime_param  # attribute of typer.core._TyperParameter that cli/coercion.py replaces

# Record sources of every imported kind (issue 20): named through SOURCED_KINDS by getattr.
_.person_record_id  # field of domain/provenance.py's RecordSource
_.role_change_id  # field of domain/provenance.py's RecordSource

# The influence ranking's fields, read by influence/index.html and kept as JSON
# (services/influence/kept_ranking.py) for the command line.
_.influence_position  # field of services/influence/ranking.py's Influencer (and goal_steps.py's)
_.top_listeners  # field of services/influence/ranking.py's Influencer
_.ear_direct  # field of services/influence/ranking.py's Influencer
_.ear_indirect  # field of services/influence/ranking.py's Influencer
_.heard_through  # field of services/influence/ranking.py's Influencer

# A person's story, one page at a time (issue 22): fields of the API's answer.
_.timeline_total  # field of web/schemas/network/people.py's PersonOut
_.timeline_next  # field of web/schemas/network/people.py's PersonOut
