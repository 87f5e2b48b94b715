"""The data model. Import models from here so every table is registered with Alembic."""

from .application import CLOSED_STAGES, PROGRESS_STAGES, STAGES, Application, StageChange
from .audit import AuditEvent
from .candidate import Candidate, CVDocument, EligibilityDeclaration
from .monitoring import MonitoringResponse
from .organisation import Organisation
from .team import TEAM_ROLES, TeamUser
from .vacancy import VACANCY_STATUSES, Vacancy

__all__ = [
    "CLOSED_STAGES",
    "PROGRESS_STAGES",
    "STAGES",
    "TEAM_ROLES",
    "VACANCY_STATUSES",
    "Application",
    "AuditEvent",
    "CVDocument",
    "Candidate",
    "EligibilityDeclaration",
    "MonitoringResponse",
    "Organisation",
    "StageChange",
    "TeamUser",
    "Vacancy",
]
