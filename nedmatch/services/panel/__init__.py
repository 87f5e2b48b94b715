"""Panel scoring and the panel's downloads.

Each panel member scores each shortlisted candidate against every criterion of the
vacancy on the published scale, independently: a member's scores are a private draft until
submitted, submitting is final, and a member sees how the others scored a candidate only
after submitting their own (or once scoring has closed, when there is nothing left to
sway). The rules are in `rules`, the pages' view models in `views`, recording in `scoring`
and the downloads in `exports`.
"""

from ...models import DISAGREEMENT_SPREAD, PANEL_SCALE
from .exports import (
    WITHHELD,
    Download,
    ExportFormat,
    ExportKind,
    download,
    panel_tables,
    shortlist_table,
)
from .queries import by_reference, panel_applications
from .rules import (
    CLOSED_STATUS_LABELS,
    MAX_COMMENT,
    STATUS_LABELS,
    Criterion,
    CriterionSummary,
    Entry,
    PanelError,
    SheetStatus,
    Summary,
    criteria,
    criterion_key,
    furthest_stage,
    is_scorable,
    may_see_panel,
    on_panel,
    short,
    stage_text,
    status_label,
    summarise,
)
from .scoring import save
from .views import PanelRow, ScoreSheet, overview, score_sheet

__all__ = [
    "CLOSED_STATUS_LABELS",
    "DISAGREEMENT_SPREAD",
    "MAX_COMMENT",
    "PANEL_SCALE",
    "STATUS_LABELS",
    "WITHHELD",
    "Criterion",
    "Download",
    "ExportFormat",
    "ExportKind",
    "CriterionSummary",
    "Entry",
    "PanelError",
    "PanelRow",
    "ScoreSheet",
    "SheetStatus",
    "Summary",
    "criteria",
    "criterion_key",
    "download",
    "by_reference",
    "furthest_stage",
    "is_scorable",
    "may_see_panel",
    "on_panel",
    "overview",
    "panel_applications",
    "panel_tables",
    "save",
    "score_sheet",
    "shortlist_table",
    "short",
    "stage_text",
    "status_label",
    "summarise",
]
