"""What the API returns: each record's own fields, related records by id (and by name where a report needs it)."""

import datetime as dt
from typing import Any

from ninja import ModelSchema, Schema

from cairn.audit.models import AuditEvent
from cairn.programmes.models import BudgetLine, Indicator, Milestone, Programme, Project, Reading, Risk
from cairn.reviews.models import (
    Action,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    Review,
    SavingEstimate,
)


class Me(Schema):
    username: str
    name: str
    council: str
    council_slug: str
    roles: list[str]


class ReviewOut(ModelSchema):
    committee_name: str | None

    class Meta:
        model = Review
        fields = ["id", "kind", "led_by", "title", "committee", "state", "summary", "reported_on",
                  "executive_decision_on", "executive_decision_by", "created_at", "updated_at"]

    @staticmethod
    def resolve_committee_name(obj) -> str | None:
        return obj.committee.name if obj.committee_id else None


class StepOut(ModelSchema):
    target_display: str

    class Meta:
        model = Action
        fields = ["id", "recommendation", "order", "text", "success_measure", "target_on", "target_precision",
                  "target_text", "current_target_on", "lead_name", "lead_officer", "completed_on", "progress_note"]


class EstimateOut(ModelSchema):
    class Meta:
        model = SavingEstimate
        fields = ["id", "kind", "text", "min_amount", "max_amount", "period", "cashable"]


class UpdateOut(ModelSchema):
    level_code: str | None
    level_meaning: str | None
    round_title: str
    round_state: str
    revised_steps: list[int]

    class Meta:
        model = ProgressUpdate
        fields = ["id", "round", "recommendation", "action", "state", "evidence", "status_text", "savings_amount",
                  "savings_basis", "savings_text", "assessment_reason", "revised_target_on", "revised_target_text",
                  "submitted_at", "accepted_at", "finance_confirmed_by", "finance_confirmed_at", "version",
                  "updated_at"]

    @staticmethod
    def resolve_level_code(obj) -> str | None:
        return obj.level.code if obj.level_id else None

    @staticmethod
    def resolve_level_meaning(obj) -> str | None:
        return obj.level.meaning if obj.level_id else None

    @staticmethod
    def resolve_round_title(obj) -> str:
        return obj.round.title

    @staticmethod
    def resolve_round_state(obj) -> str:
        return obj.round.state

    @staticmethod
    def resolve_revised_steps(obj) -> list[int]:
        return [step.pk for step in obj.revised_actions.all()]


class RecommendationOut(ModelSchema):
    review_title: str
    lead: str
    steps: list[StepOut]
    estimates: list[EstimateOut]
    latest_update: UpdateOut | None

    class Meta:
        model = Recommendation
        fields = ["id", "review", "number", "order", "objective", "text", "executive_response",
                  "executive_response_on", "lead_name", "lead_officer", "finance_manager_name", "finance_manager",
                  "state", "closed_on", "updated_at"]

    @staticmethod
    def resolve_review_title(obj) -> str:
        return obj.review.title

    @staticmethod
    def resolve_lead(obj) -> str:
        return obj.lead_display

    @staticmethod
    def resolve_steps(obj) -> list:
        return list(obj.actions.all())

    @staticmethod
    def resolve_estimates(obj) -> list:
        return list(obj.saving_estimates.all())

    @staticmethod
    def resolve_latest_update(obj):
        # The updates are prefetched newest first, as far as the person may see them.
        updates = list(obj.updates.all())
        return updates[0] if updates else None


class RoundOut(ModelSchema):
    class Meta:
        model = ReportingRound
        fields = ["id", "kind", "title", "meeting", "as_at_on", "period_label", "deadline_on", "state",
                  "published_at", "content_hash", "imported_from", "updated_at"]


class PublishedRoundOut(Schema):
    round: int
    title: str
    published_at: dt.datetime | None
    fingerprint: str
    algorithm: str = "SHA-256 of the content as canonical JSON (sorted keys, no spaces, UTF-8)"
    content: dict[str, Any]


class ProgrammeOut(ModelSchema):
    class Meta:
        model = Programme
        fields = ["id", "name", "summary", "manager", "board", "starts_on", "ends_on", "updated_at"]


class ProjectOut(ModelSchema):
    class Meta:
        model = Project
        fields = ["id", "programme", "number", "order", "name", "short_name", "objective", "budget", "budget_text",
                  "lead_name", "lead", "rag", "risk_area", "updated_at"]


class MilestoneOut(ModelSchema):
    version: str

    class Meta:
        model = Milestone
        fields = ["id", "project", "order", "starts_on", "due_on", "due_precision", "due_text", "activity", "state",
                  "state_text", "completed_on", "owner", "owner_name", "updated_at"]

    @staticmethod
    def resolve_version(obj) -> str:
        from .endpoints.writes import milestone_version

        return milestone_version(obj)


class IndicatorOut(ModelSchema):
    projects: list[int]
    recommendations: list[int]

    class Meta:
        model = Indicator
        fields = ["id", "name", "description", "unit", "polarity", "target", "green_from", "amber_from",
                  "source_code", "frequency", "reported_to", "updated_at"]

    @staticmethod
    def resolve_projects(obj) -> list[int]:
        return [project.pk for project in obj.projects.all()]

    @staticmethod
    def resolve_recommendations(obj) -> list[int]:
        return [recommendation.pk for recommendation in obj.recommendations.all()]


class ReadingOut(ModelSchema):
    class Meta:
        model = Reading
        fields = ["id", "indicator", "period_start", "period_label", "value", "value_low", "value_high", "rag", "note",
                  "created_at"]


class BudgetLineOut(ModelSchema):
    class Meta:
        model = BudgetLine
        fields = ["id", "name", "financial_year", "budget", "spent", "projected_outturn", "projected_variance",
                  "projected_on", "note", "project", "review", "updated_at"]


class RiskOut(ModelSchema):
    class Meta:
        model = Risk
        fields = ["id", "kind", "text", "rag", "state", "mitigation", "owner_name", "project", "review", "updated_at"]


class AuditEventOut(ModelSchema):
    class Meta:
        model = AuditEvent
        fields = ["id", "at", "actor", "actor_label", "action", "target_type", "target_id", "target_label", "before",
                  "after"]
