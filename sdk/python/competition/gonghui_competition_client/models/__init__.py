"""Contains all the data models used in inputs/outputs"""

from .advancement_in import AdvancementIn
from .advancement_kind import AdvancementKind
from .advancement_read import AdvancementRead
from .advancement_rule_in import AdvancementRuleIn
from .aggregation import Aggregation
from .assignment_plan_read import AssignmentPlanRead
from .assignment_read import AssignmentRead
from .attendance import Attendance
from .attendance_in import AttendanceIn
from .award_read import AwardRead
from .batch_approval import BatchApproval
from .batch_approval_result import BatchApprovalResult
from .batch_result import BatchResult
from .competition_create import CompetitionCreate
from .competition_kind import CompetitionKind
from .competition_level import CompetitionLevel
from .competition_org_read import CompetitionOrgRead
from .competition_read import CompetitionRead
from .competition_status import CompetitionStatus
from .competition_update import CompetitionUpdate
from .conflict_create import ConflictCreate
from .conflict_read import ConflictRead
from .criterion_input import CriterionInput
from .criterion_kind import CriterionKind
from .criterion_output import CriterionOutput
from .eligibility_in import EligibilityIn
from .eligibility_read import EligibilityRead
from .eligible_org_read import EligibleOrgRead
from .entry_read import EntryRead
from .entry_status import EntryStatus
from .event_create import EventCreate
from .event_format import EventFormat
from .event_read import EventRead
from .event_update import EventUpdate
from .finalisation_read import FinalisationRead
from .grant_status import GrantStatus
from .group_awards_update import GroupAwardsUpdate
from .group_in import GroupIn
from .group_kind import GroupKind
from .group_read import GroupRead
from .health_healthz_response_health_healthz import HealthHealthzResponseHealthHealthz
from .honour_grant_read import HonourGrantRead
from .honour_kind import HonourKind
from .honour_rule import HonourRule
from .judge_create import JudgeCreate
from .judge_entry_read import JudgeEntryRead
from .judge_load import JudgeLoad
from .judge_read import JudgeRead
from .judge_stage_detail import JudgeStageDetail
from .judge_stage_read import JudgeStageRead
from .member_batch_create import MemberBatchCreate
from .member_entry_create import MemberEntryCreate
from .objection_create import ObjectionCreate
from .objection_decision import ObjectionDecision
from .objection_read import ObjectionRead
from .objection_status import ObjectionStatus
from .org_role import OrgRole
from .own_conflict_create import OwnConflictCreate
from .page_assignment_read import PageAssignmentRead
from .page_competition_read import PageCompetitionRead
from .page_entry_read import PageEntryRead
from .page_result_read import PageResultRead
from .panel_in import PanelIn
from .participant_read import ParticipantRead
from .participation_stats import ParticipationStats
from .participation_year import ParticipationYear
from .prize import Prize
from .prize_rule import PrizeRule
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .public_competition import PublicCompetition
from .public_event import PublicEvent
from .public_group import PublicGroup
from .public_leaderboard import PublicLeaderboard
from .public_row import PublicRow
from .public_stage import PublicStage
from .ranking_summary import RankingSummary
from .reason import Reason
from .reason_required import ReasonRequired
from .refusal import Refusal
from .rescore_apply import RescoreApply
from .rescore_change import RescoreChange
from .rescore_outcome import RescoreOutcome
from .rescore_preview import RescorePreview
from .result_read import ResultRead
from .review_in import ReviewIn
from .rubric_input import RubricInput
from .rubric_output import RubricOutput
from .score_change_read import ScoreChangeRead
from .score_change_read_after import ScoreChangeReadAfter
from .score_change_read_before_type_0 import ScoreChangeReadBeforeType0
from .sheet_audit_read import SheetAuditRead
from .sheet_audit_read_marks import SheetAuditReadMarks
from .sheet_in import SheetIn
from .sheet_in_marks import SheetInMarks
from .sheet_read import SheetRead
from .sheet_read_marks import SheetReadMarks
from .sheet_status import SheetStatus
from .stage_entry_read import StageEntryRead
from .stage_in import StageIn
from .stage_kind import StageKind
from .stage_progress import StageProgress
from .stage_read import StageRead
from .stage_state_read import StageStateRead
from .stage_status import StageStatus
from .student_entry_create import StudentEntryCreate
from .team_entry_create import TeamEntryCreate
from .tie_decision_in import TieDecisionIn
from .tie_decision_read import TieDecisionRead
from .tied_entry import TiedEntry

__all__ = (
    "AdvancementIn",
    "AdvancementKind",
    "AdvancementRead",
    "AdvancementRuleIn",
    "Aggregation",
    "AssignmentPlanRead",
    "AssignmentRead",
    "Attendance",
    "AttendanceIn",
    "AwardRead",
    "BatchApproval",
    "BatchApprovalResult",
    "BatchResult",
    "CompetitionCreate",
    "CompetitionKind",
    "CompetitionLevel",
    "CompetitionOrgRead",
    "CompetitionRead",
    "CompetitionStatus",
    "CompetitionUpdate",
    "ConflictCreate",
    "ConflictRead",
    "CriterionInput",
    "CriterionKind",
    "CriterionOutput",
    "EligibilityIn",
    "EligibilityRead",
    "EligibleOrgRead",
    "EntryRead",
    "EntryStatus",
    "EventCreate",
    "EventFormat",
    "EventRead",
    "EventUpdate",
    "FinalisationRead",
    "GrantStatus",
    "GroupAwardsUpdate",
    "GroupIn",
    "GroupKind",
    "GroupRead",
    "HealthHealthzResponseHealthHealthz",
    "HonourGrantRead",
    "HonourKind",
    "HonourRule",
    "JudgeCreate",
    "JudgeEntryRead",
    "JudgeLoad",
    "JudgeRead",
    "JudgeStageDetail",
    "JudgeStageRead",
    "MemberBatchCreate",
    "MemberEntryCreate",
    "ObjectionCreate",
    "ObjectionDecision",
    "ObjectionRead",
    "ObjectionStatus",
    "OrgRole",
    "OwnConflictCreate",
    "PageAssignmentRead",
    "PageCompetitionRead",
    "PageEntryRead",
    "PageResultRead",
    "PanelIn",
    "ParticipantRead",
    "ParticipationStats",
    "ParticipationYear",
    "Prize",
    "PrizeRule",
    "Problem",
    "ProblemErrorsItem",
    "PublicCompetition",
    "PublicEvent",
    "PublicGroup",
    "PublicLeaderboard",
    "PublicRow",
    "PublicStage",
    "RankingSummary",
    "Reason",
    "ReasonRequired",
    "Refusal",
    "RescoreApply",
    "RescoreChange",
    "RescoreOutcome",
    "RescorePreview",
    "ResultRead",
    "ReviewIn",
    "RubricInput",
    "RubricOutput",
    "ScoreChangeRead",
    "ScoreChangeReadAfter",
    "ScoreChangeReadBeforeType0",
    "SheetAuditRead",
    "SheetAuditReadMarks",
    "SheetIn",
    "SheetInMarks",
    "SheetRead",
    "SheetReadMarks",
    "SheetStatus",
    "StageEntryRead",
    "StageIn",
    "StageKind",
    "StageProgress",
    "StageRead",
    "StageStateRead",
    "StageStatus",
    "StudentEntryCreate",
    "TeamEntryCreate",
    "TieDecisionIn",
    "TieDecisionRead",
    "TiedEntry",
)
