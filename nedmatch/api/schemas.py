"""The API's documents as marshmallow schemas: they shape every response and request, and
the OpenAPI description is generated from them (spec.py)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import Schema, fields, validate

from ..domain import REGIONS, ROLE_TYPES
from ..models import STAGES, VACANCY_STATUSES


class ProblemSchema(Schema):
    """An error, as RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"description": "A URI naming the problem"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(
        required=True, metadata={"description": "What went wrong and what to do"}
    )
    instance = fields.String(metadata={"description": "The path that was asked for"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "For 422: each field's problems"},
    )


class OrganisationSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    region = fields.String(required=True, metadata={"enum": sorted(REGIONS)})


class VacancySchema(Schema):
    """A vacancy as advertised."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    organisation = fields.Nested(OrganisationSchema, required=True)
    role_type = fields.String(required=True, metadata={"enum": sorted(ROLE_TYPES)})
    role_label = fields.String(required=True)
    description = fields.String(required=True)
    essential_criteria = fields.List(fields.String(), required=True)
    desirable_criteria = fields.List(fields.String(), required=True)
    time_commitment = fields.String(required=True)
    pay = fields.Integer(required=True, allow_none=True, metadata={"description": "Pounds a year"})
    term_years = fields.Integer(required=True)
    opens_on = fields.Date(required=True, allow_none=True)
    closes_on = fields.Date(required=True, allow_none=True)
    status = fields.String(required=True, metadata={"enum": sorted(VACANCY_STATUSES)})
    url = fields.String(required=True, metadata={"description": "The advert on this service"})


class VacancyListSchema(Schema):
    items = fields.List(fields.Nested(VacancySchema), required=True)
    count = fields.Integer(required=True)


STAGE_VALUES = sorted(STAGES)


def utc_time(**kwargs: Any) -> fields.AwareDateTime:
    """A time with its zone (RFC 3339): documents.utc gives stored times theirs."""
    return fields.AwareDateTime(default_timezone=UTC, **kwargs)


class StageChangeSchema(Schema):
    from_stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    to_stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    reason = fields.String(required=True)
    at = utc_time(required=True)


class ApplicationSchema(Schema):
    """An application as the sift sees it: by reference, never by name."""

    reference = fields.String(required=True)
    stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    stage_label = fields.String(required=True)
    submitted_at = utc_time(required=True, allow_none=True)
    guaranteed_interview = fields.Boolean(required=True)
    allowed_moves = fields.List(
        fields.String(metadata={"enum": STAGE_VALUES}),
        required=True,
        metadata={"description": "The stages it may be moved to now"},
    )
    stage_changes = fields.List(fields.Nested(StageChangeSchema), required=True)


class ApplicationListSchema(Schema):
    items = fields.List(fields.Nested(ApplicationSchema), required=True)
    count = fields.Integer(required=True)


class MoveSchema(Schema):
    """Move one application to another stage, with the same rules as the team's page."""

    to_stage = fields.String(
        required=True,
        validate=validate.OneOf(STAGE_VALUES),
        metadata={"enum": STAGE_VALUES, "description": "The stage to move it to"},
    )
    reason = fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "Needed to reject, to move back, or to reinstate"},
    )
    override = fields.Boolean(
        load_default=False,
        metadata={
            "description": "An administrator overriding the guaranteed interview scheme, "
            "with a reason"
        },
    )


class CriterionSchema(Schema):
    criterion = fields.String(required=True)
    essential = fields.Boolean(required=True)
    verdict = fields.String(required=True, metadata={"enum": ["met", "possible", "not_evidenced"]})
    assessed = fields.Boolean(required=True)
    evidence = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The candidate's words, with contact details removed"},
    )
    field = fields.String(required=True, allow_none=True)
    also = fields.List(
        fields.Nested(lambda: QuoteSchema()),
        required=True,
        metadata={
            "description": "For a criterion met across sentences (finance in one, the "
            "sector in another), the sentences that meet the parts the evidence does not"
        },
    )


class QuoteSchema(Schema):
    evidence = fields.String(
        required=True,
        metadata={"description": "The candidate's words, with contact details removed"},
    )
    field = fields.String(required=True)


class MatchedTermSchema(Schema):
    term = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": ["word", "concept"]})
    field = fields.String(required=True, allow_none=True)
    snippet = fields.String(required=True, allow_none=True)


class ExplanationSchema(Schema):
    criteria = fields.List(fields.Nested(CriterionSchema), required=True)
    matched_terms = fields.List(fields.Nested(MatchedTermSchema), required=True)
    contributions = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        required=True,
        metadata={"description": "Points from each part, adding up to the score"},
    )
    parts = fields.Dict(
        keys=fields.String(),
        values=fields.Float(),
        required=True,
        metadata={"description": "Similarity of each part, 0 to 1"},
    )


class RankedRowSchema(Schema):
    reference = fields.String(required=True)
    stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    rank = fields.Integer(required=True, allow_none=True)
    score = fields.Float(required=True, allow_none=True)
    meets_essentials = fields.Boolean(required=True, allow_none=True)
    guaranteed_interview = fields.Boolean(required=True)
    revealed = fields.Boolean(required=True)
    name = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "Only once the identity is revealed at interview"},
    )
    explanation = fields.Nested(ExplanationSchema, required=True, allow_none=True)


class RankedListSchema(Schema):
    items = fields.List(fields.Nested(RankedRowSchema), required=True)
    total = fields.Integer(required=True)
    filtered = fields.Integer(required=True)
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    model_ready = fields.Boolean(required=True)


class RankedQuerySchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    stage = fields.String(load_default="", validate=validate.OneOf(["", *STAGE_VALUES]))
    sort = fields.String(
        load_default="score", validate=validate.OneOf(["score", "submitted", "reference"])
    )


class PublicQuerySchema(Schema):
    region = fields.String(
        load_default="",
        validate=validate.OneOf(["", *sorted(REGIONS)]),
        metadata={
            "description": "Only this region's organisations",
            "enum": ["", *sorted(REGIONS)],
        },
    )
    role = fields.String(
        load_default="",
        validate=validate.OneOf(["", *sorted(ROLE_TYPES)]),
        metadata={"description": "Only this kind of role", "enum": ["", *sorted(ROLE_TYPES)]},
    )


class ReportQuerySchema(Schema):
    vacancy_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    organisation_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    region = fields.String(validate=validate.OneOf(sorted(REGIONS)))


class ReportRowSchema(Schema):
    """One published figure: protected by the same disclosure control as the downloads."""

    scope = fields.String(required=True)
    stage = fields.String(required=True)
    question = fields.String(required=True)
    answer = fields.String(required=True)
    answer_label = fields.String(required=True)
    row_type = fields.String(required=True)
    count = fields.String(required=True, metadata={"description": "Empty when withheld"})
    percent = fields.String(required=True)
    percent_of_declared = fields.String(required=True)
    suppressed = fields.String(required=True, metadata={"enum": ["true", "false"]})
    rounded = fields.String(required=True, metadata={"enum": ["true", "false"]})
    shown_as = fields.String(required=True)
    note = fields.String(required=True)


class ReportSchema(Schema):
    scope = fields.String(required=True)
    note = fields.String(required=True)
    rows = fields.List(fields.Nested(ReportRowSchema), required=True)


class WebhookVacancySchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)


class WebhookApplicationSchema(Schema):
    """What an application event tells: the API's own application fields, never a name or
    anything from equality monitoring."""

    reference = fields.String(required=True)
    vacancy = fields.Nested(WebhookVacancySchema, required=True)
    from_stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    stage = fields.String(required=True, metadata={"enum": STAGE_VALUES})
    stage_label = fields.String(required=True)
    changed_at = utc_time(required=True)
    submitted_at = utc_time(required=True, allow_none=True)


class WebhookApplicationEventSchema(Schema):
    """A webhook event about one application (Standard Webhooks payload: type, timestamp,
    data)."""

    type = fields.String(
        required=True,
        metadata={"enum": ["application.stage_changed", "application.appointed"]},
    )
    timestamp = utc_time(required=True)
    data = fields.Nested(WebhookApplicationSchema, required=True)


class WebhookTestDataSchema(Schema):
    message = fields.String(required=True)
    subscription = fields.String(required=True, metadata={"description": "The webhook's name"})


class WebhookTestEventSchema(Schema):
    """The test event an administrator sends from the Webhooks page."""

    type = fields.String(required=True, metadata={"enum": ["webhook.test"]})
    timestamp = utc_time(required=True)
    data = fields.Nested(WebhookTestDataSchema, required=True)
