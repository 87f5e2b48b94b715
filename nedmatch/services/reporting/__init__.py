"""Diversity reports from the database, one concern a module:

- `records`: reading applications, stage history and monitoring answers into counting
  columns (the only app code that joins progress with equality answers);
- `reference`: the reference population (Census 2021, or one an administrator uploaded);
- `report`: the service's disclosure policy and the protected report of a scope;
- `ranking_audit`: the model audit of a vacancy's ranking;
- `bias_audit`: the bias audit of the model's scores (NYC Local Law 144 form);
- `bias_publications`: its figures frozen for the public summary page;
- `choices`: the vacancies, organisations and months the report forms offer;
- `scopes`: a scope's title, file-name key and audit detail;
- `activity`: the audited operations the report pages call.
"""

from .activity import (
    Overview,
    audited_vacancy,
    overview,
    restore_default_reference,
    upload_reference,
    view_bias_audit,
    view_model_audit,
    view_report,
)
from .bias_audit import ScopedBiasAudit
from .ranking_audit import VacancyAudit, model_audit, model_available
from .records import (
    APPLIED,
    STAGE_INDEX,
    answer_codes,
    answers_by_candidate,
    cell_keys_of,
    monitoring_columns,
)
from .reference import (
    REFERENCE_FILE,
    current_reference,
    reference_path,
    reset_reference,
    save_reference,
    uses_default_reference,
)
from .report import diversity_report, service_policy

__all__ = [
    "APPLIED",
    "REFERENCE_FILE",
    "STAGE_INDEX",
    "Overview",
    "ScopedBiasAudit",
    "VacancyAudit",
    "answer_codes",
    "answers_by_candidate",
    "audited_vacancy",
    "cell_keys_of",
    "current_reference",
    "diversity_report",
    "model_audit",
    "model_available",
    "monitoring_columns",
    "overview",
    "reference_path",
    "reset_reference",
    "restore_default_reference",
    "save_reference",
    "service_policy",
    "upload_reference",
    "uses_default_reference",
    "view_bias_audit",
    "view_model_audit",
    "view_report",
]
