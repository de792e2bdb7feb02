"""How a survey answer (:class:`allies.domain.surveys.SurveyAnswer`) is stored: a row of
``survey_answers``. Its invitation is the survey repository's business
(:mod:`allies.store.surveys`), not the record's: a backup carries the record, not the
links."""

from __future__ import annotations

from allies.domain.survey_answers import SurveyAnswer
from allies.store import tables as t
from allies.store.entity_maps import EntityMap, columns_of, pick

__all__ = ["SURVEY_ANSWER_MAP", "SURVEY_MAPS"]

_COLUMNS = ("tie_id", "survey", "answered_on")

SURVEY_ANSWER_MAP = EntityMap[SurveyAnswer](
    kind="survey answer",
    table=t.survey_answers,
    load=lambda row, _: SurveyAnswer(**pick(row, *_COLUMNS, "id")),
    dump=lambda a: columns_of(a, *_COLUMNS),
)

#: The maps of this module, by domain class (merged into :data:`allies.store.mapping.MAPS`).
SURVEY_MAPS: dict[type, EntityMap[SurveyAnswer]] = {SurveyAnswer: SURVEY_ANSWER_MAP}
