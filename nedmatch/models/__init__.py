"""The data model. Import models from here so every table is registered with Alembic."""

from .alerts import ALERT_FREQUENCIES, ALERT_KINDS, AlertSent, AlertSubscription, VacancyOpening
from .api_token import API_SCOPES, ApiToken
from .application import CLOSED_STAGES, PROGRESS_STAGES, STAGES, Application, StageChange
from .audit import AuditEvent
from .bias_publication import BiasAuditPublication
from .board import BOARD_ROLES, COMMITTEES, MAX_YEARS_SERVED, NON_EXECUTIVE_ROLES, BoardMember
from .candidate import Candidate, CandidateReading, CVDocument, EligibilityDeclaration
from .development import (
    COHORT_STATUSES,
    OFFER_ANSWERS,
    OFFER_KINDS,
    ON_PROGRAMME,
    PARTICIPANT_STATUSES,
    PROGRAMME_KINDS,
    Cohort,
    Milestone,
    NearMissOffer,
    Participant,
    Programme,
)
from .fppt import (
    FPPT_CHECKS,
    FPPT_CLEARED,
    FPPT_STATUSES,
    FpptCheck,
    FpptOverride,
    FpptReminder,
)
from .imports import IMPORT_STATUSES, ImportBatch
from .interview import BOOKING_STATUSES, INTERVIEW_MODES, InterviewBooking, InterviewSlot
from .job import JOB_STATUSES, Job
from .messages import MESSAGE_STATUSES, PendingMessage, VacancyMessageTemplate
from .monitoring import MonitoringResponse
from .organisation import Organisation
from .release import DisclosureRelease
from .sift import (
    DISAGREEMENT_SPREAD,
    PANEL_SCALE,
    ApplicationNote,
    IdentityReveal,
    Invitation,
    PanelScore,
    PanelSubmission,
)
from .storage import ModelArtifact, StoredFile
from .team import TEAM_ROLES, TeamUser
from .vacancy import VACANCY_STATUSES, Vacancy
from .webhook import DELIVERY_STATUSES, WEBHOOK_EVENTS, WebhookDelivery, WebhookSubscription

__all__ = [
    "DisclosureRelease",
    "COHORT_STATUSES",
    "OFFER_ANSWERS",
    "OFFER_KINDS",
    "ON_PROGRAMME",
    "PARTICIPANT_STATUSES",
    "PROGRAMME_KINDS",
    "Cohort",
    "Milestone",
    "NearMissOffer",
    "Participant",
    "Programme",
    "BOARD_ROLES",
    "COMMITTEES",
    "MAX_YEARS_SERVED",
    "NON_EXECUTIVE_ROLES",
    "BoardMember",
    "FPPT_CHECKS",
    "FPPT_CLEARED",
    "FPPT_STATUSES",
    "FpptCheck",
    "FpptOverride",
    "FpptReminder",
    "ALERT_FREQUENCIES",
    "ALERT_KINDS",
    "AlertSent",
    "AlertSubscription",
    "VacancyOpening",
    "API_SCOPES",
    "ApiToken",
    "DISAGREEMENT_SPREAD",
    "PANEL_SCALE",
    "ApplicationNote",
    "IdentityReveal",
    "Invitation",
    "BOOKING_STATUSES",
    "INTERVIEW_MODES",
    "InterviewBooking",
    "InterviewSlot",
    "PanelScore",
    "PanelSubmission",
    "CLOSED_STAGES",
    "PROGRESS_STAGES",
    "STAGES",
    "TEAM_ROLES",
    "VACANCY_STATUSES",
    "Application",
    "AuditEvent",
    "BiasAuditPublication",
    "CVDocument",
    "Candidate",
    "CandidateReading",
    "EligibilityDeclaration",
    "IMPORT_STATUSES",
    "ImportBatch",
    "JOB_STATUSES",
    "MESSAGE_STATUSES",
    "PendingMessage",
    "VacancyMessageTemplate",
    "Job",
    "ModelArtifact",
    "MonitoringResponse",
    "Organisation",
    "StageChange",
    "StoredFile",
    "TeamUser",
    "Vacancy",
    "DELIVERY_STATUSES",
    "WEBHOOK_EVENTS",
    "WebhookDelivery",
    "WebhookSubscription",
]
