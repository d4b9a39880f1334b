"""Contains all the data models used in inputs/outputs"""

from .account import Account
from .applicant_account_in import ApplicantAccountIn
from .applicant_account_read import ApplicantAccountRead
from .application_in import ApplicationIn
from .application_read import ApplicationRead
from .audit_event_read import AuditEventRead
from .audit_event_read_detail import AuditEventReadDetail
from .balances import Balances
from .balances_balances import BalancesBalances
from .bank_callback import BankCallback
from .bank_callback_data import BankCallbackData
from .bank_callback_type import BankCallbackType
from .bank_rule import BankRule
from .body_fees_upload_file import BodyFeesUploadFile
from .body_fees_upload_file_event_type import BodyFeesUploadFileEventType
from .bulk_review_in import BulkReviewIn
from .bulk_review_in_refunds import BulkReviewInRefunds
from .bulk_review_result import BulkReviewResult
from .bulk_review_result_refused_item import BulkReviewResultRefusedItem
from .callback_outcome import CallbackOutcome
from .callback_result import CallbackResult
from .case_detail import CaseDetail
from .case_read import CaseRead
from .case_source import CaseSource
from .case_status import CaseStatus
from .chain_check import ChainCheck
from .checkpoint_page import CheckpointPage
from .checkpoint_page_retired_keys import CheckpointPageRetiredKeys
from .checkpoint_read import CheckpointRead
from .delivery_result import DeliveryResult
from .destination import Destination
from .dismiss_in import DismissIn
from .exception_read import ExceptionRead
from .exception_reason import ExceptionReason
from .fee_corrected_event import FeeCorrectedEvent
from .fee_line import FeeLine
from .fee_record_in import FeeRecordIn
from .fee_recorded_event import FeeRecordedEvent
from .fee_records import FeeRecords
from .fee_void_in import FeeVoidIn
from .fee_voided_event import FeeVoidedEvent
from .fee_voids import FeeVoids
from .growth import Growth
from .health_healthz_response_health_healthz import HealthHealthzResponseHealthHealthz
from .outbox_message_read import OutboxMessageRead
from .outbox_message_read_payload import OutboxMessageReadPayload
from .outbox_message_read_status import OutboxMessageReadStatus
from .page_case_read import PageCaseRead
from .page_outbox_message_read import PageOutboxMessageRead
from .partner_create import PartnerCreate
from .partner_created import PartnerCreated
from .partner_kind import PartnerKind
from .partner_read import PartnerRead
from .partner_update import PartnerUpdate
from .payee_account import PayeeAccount
from .payer_account_in import PayerAccountIn
from .payout_instructed_event import PayoutInstructedEvent
from .payout_instruction import PayoutInstruction
from .payout_read import PayoutRead
from .payout_status import PayoutStatus
from .payouts_list_outbox_status_type_0 import PayoutsListOutboxStatusType0
from .pending import Pending
from .policy_create import PolicyCreate
from .policy_create_review_steps import PolicyCreateReviewSteps
from .policy_create_size_classes_item import PolicyCreateSizeClassesItem
from .policy_in import PolicyIn
from .policy_in_review_steps import PolicyInReviewSteps
from .policy_in_size_classes_item import PolicyInSizeClassesItem
from .policy_mode import PolicyMode
from .policy_read import PolicyRead
from .policy_read_bank_rules_item import PolicyReadBankRulesItem
from .policy_read_queue_offices_item import PolicyReadQueueOfficesItem
from .pool_account import PoolAccount
from .previous_year import PreviousYear
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .queue_office import QueueOffice
from .rebate_paid_event import RebatePaidEvent
from .rebate_paid_notice import RebatePaidNotice
from .rebate_stats import RebateStats
from .reconciliation import Reconciliation
from .refunded import Refunded
from .rejected import Rejected
from .rejection import Rejection
from .rematch_in import RematchIn
from .reopen_in import ReopenIn
from .resolution import Resolution
from .review_decision import ReviewDecision
from .review_in import ReviewIn
from .review_read import ReviewRead
from .review_step import ReviewStep
from .run_create import RunCreate
from .run_read import RunRead
from .run_status import RunStatus
from .secret_rotated import SecretRotated
from .violation import Violation
from .violation_invariant import ViolationInvariant

__all__ = (
    "Account",
    "ApplicantAccountIn",
    "ApplicantAccountRead",
    "ApplicationIn",
    "ApplicationRead",
    "AuditEventRead",
    "AuditEventReadDetail",
    "Balances",
    "BalancesBalances",
    "BankCallback",
    "BankCallbackData",
    "BankCallbackType",
    "BankRule",
    "BodyFeesUploadFile",
    "BodyFeesUploadFileEventType",
    "BulkReviewIn",
    "BulkReviewInRefunds",
    "BulkReviewResult",
    "BulkReviewResultRefusedItem",
    "CallbackOutcome",
    "CallbackResult",
    "CaseDetail",
    "CaseRead",
    "CaseSource",
    "CaseStatus",
    "ChainCheck",
    "CheckpointPage",
    "CheckpointPageRetiredKeys",
    "CheckpointRead",
    "DeliveryResult",
    "Destination",
    "DismissIn",
    "ExceptionRead",
    "ExceptionReason",
    "FeeCorrectedEvent",
    "FeeLine",
    "FeeRecordedEvent",
    "FeeRecordIn",
    "FeeRecords",
    "FeeVoidedEvent",
    "FeeVoidIn",
    "FeeVoids",
    "Growth",
    "HealthHealthzResponseHealthHealthz",
    "OutboxMessageRead",
    "OutboxMessageReadPayload",
    "OutboxMessageReadStatus",
    "PageCaseRead",
    "PageOutboxMessageRead",
    "PartnerCreate",
    "PartnerCreated",
    "PartnerKind",
    "PartnerRead",
    "PartnerUpdate",
    "PayeeAccount",
    "PayerAccountIn",
    "PayoutInstructedEvent",
    "PayoutInstruction",
    "PayoutRead",
    "PayoutsListOutboxStatusType0",
    "PayoutStatus",
    "Pending",
    "PolicyCreate",
    "PolicyCreateReviewSteps",
    "PolicyCreateSizeClassesItem",
    "PolicyIn",
    "PolicyInReviewSteps",
    "PolicyInSizeClassesItem",
    "PolicyMode",
    "PolicyRead",
    "PolicyReadBankRulesItem",
    "PolicyReadQueueOfficesItem",
    "PoolAccount",
    "PreviousYear",
    "Problem",
    "ProblemErrorsItem",
    "QueueOffice",
    "RebatePaidEvent",
    "RebatePaidNotice",
    "RebateStats",
    "Reconciliation",
    "Refunded",
    "Rejected",
    "Rejection",
    "RematchIn",
    "ReopenIn",
    "Resolution",
    "ReviewDecision",
    "ReviewIn",
    "ReviewRead",
    "ReviewStep",
    "RunCreate",
    "RunRead",
    "RunStatus",
    "SecretRotated",
    "Violation",
    "ViolationInvariant",
)
