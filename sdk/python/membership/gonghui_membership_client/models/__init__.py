"""Contains all the data models used in inputs/outputs"""

from .account_create import AccountCreate
from .account_create_permissions_item import AccountCreatePermissionsItem
from .account_create_roles_item import AccountCreateRolesItem
from .account_lookup_read import AccountLookupRead
from .account_read import AccountRead
from .affiliation_change import AffiliationChange
from .affiliation_read import AffiliationRead
from .body_identity_issue_token import BodyIdentityIssueToken
from .body_imports_members import BodyImportsMembers
from .card_check import CardCheck
from .card_token import CardToken
from .card_verify import CardVerify
from .code_request import CodeRequest
from .code_requested import CodeRequested
from .decision import Decision
from .direction import Direction
from .employment_form import EmploymentForm
from .enterprise_create import EnterpriseCreate
from .enterprise_lookup import EnterpriseLookup
from .enterprise_lookup_item import EnterpriseLookupItem
from .enterprise_lookup_result import EnterpriseLookupResult
from .enterprise_read import EnterpriseRead
from .enterprise_review_read import EnterpriseReviewRead
from .enterprise_update import EnterpriseUpdate
from .events_list_outbox_status_type_0 import EventsListOutboxStatusType0
from .health_healthz_response_health_healthz import HealthHealthzResponseHealthHealthz
from .honour_create import HonourCreate
from .honour_kind import HonourKind
from .honour_level import HonourLevel
from .honour_read import HonourRead
from .identity_jwks_response_identity_jwks import IdentityJwksResponseIdentityJwks
from .import_read import ImportRead
from .import_status import ImportStatus
from .invitation_create import InvitationCreate
from .invitation_read import InvitationRead
from .join_application_read import JoinApplicationRead
from .join_application_state import JoinApplicationState
from .join_channel import JoinChannel
from .join_info import JoinInfo
from .join_received import JoinReceived
from .join_request import JoinRequest
from .lookup_miss import LookupMiss
from .lookup_miss_reason import LookupMissReason
from .member_affiliation_read import MemberAffiliationRead
from .member_batch_lookup import MemberBatchLookup
from .member_batch_result import MemberBatchResult
from .member_event_read import MemberEventRead
from .member_history import MemberHistory
from .member_read import MemberRead
from .member_register import MemberRegister
from .member_register_state import MemberRegisterState
from .member_state import MemberState
from .member_summary import MemberSummary
from .monthly_joins import MonthlyJoins
from .org_create import OrgCreate
from .org_kind import OrgKind
from .org_level import OrgLevel
from .org_move import OrgMove
from .org_read import OrgRead
from .org_stats import OrgStats
from .org_status import OrgStatus
from .org_update import OrgUpdate
from .outbox_message_read import OutboxMessageRead
from .outbox_message_read_payload import OutboxMessageReadPayload
from .outbox_message_read_status import OutboxMessageReadStatus
from .page_enterprise_read import PageEnterpriseRead
from .page_member_read import PageMemberRead
from .page_org_read import PageOrgRead
from .page_outbox_message_read import PageOutboxMessageRead
from .password_set import PasswordSet
from .password_set_read import PasswordSetRead
from .person_in import PersonIn
from .person_lookup import PersonLookup
from .person_read import PersonRead
from .phone_update import PhoneUpdate
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .reason_required import ReasonRequired
from .service_client_create import ServiceClientCreate
from .service_client_create_roles_item import ServiceClientCreateRolesItem
from .service_client_created import ServiceClientCreated
from .service_kind import ServiceKind
from .service_record_create import ServiceRecordCreate
from .service_record_read import ServiceRecordRead
from .size_class import SizeClass
from .token_read import TokenRead
from .transfer_create import TransferCreate
from .transfer_read import TransferRead
from .transfer_state import TransferState
from .union_bank_account_full import UnionBankAccountFull
from .union_bank_account_in import UnionBankAccountIn
from .union_bank_account_read import UnionBankAccountRead
from .uscc_review import UsccReview

__all__ = (
    "AccountCreate",
    "AccountCreatePermissionsItem",
    "AccountCreateRolesItem",
    "AccountLookupRead",
    "AccountRead",
    "AffiliationChange",
    "AffiliationRead",
    "BodyIdentityIssueToken",
    "BodyImportsMembers",
    "CardCheck",
    "CardToken",
    "CardVerify",
    "CodeRequest",
    "CodeRequested",
    "Decision",
    "Direction",
    "EmploymentForm",
    "EnterpriseCreate",
    "EnterpriseLookup",
    "EnterpriseLookupItem",
    "EnterpriseLookupResult",
    "EnterpriseRead",
    "EnterpriseReviewRead",
    "EnterpriseUpdate",
    "EventsListOutboxStatusType0",
    "HealthHealthzResponseHealthHealthz",
    "HonourCreate",
    "HonourKind",
    "HonourLevel",
    "HonourRead",
    "IdentityJwksResponseIdentityJwks",
    "ImportRead",
    "ImportStatus",
    "InvitationCreate",
    "InvitationRead",
    "JoinApplicationRead",
    "JoinApplicationState",
    "JoinChannel",
    "JoinInfo",
    "JoinReceived",
    "JoinRequest",
    "LookupMiss",
    "LookupMissReason",
    "MemberAffiliationRead",
    "MemberBatchLookup",
    "MemberBatchResult",
    "MemberEventRead",
    "MemberHistory",
    "MemberRead",
    "MemberRegister",
    "MemberRegisterState",
    "MemberState",
    "MemberSummary",
    "MonthlyJoins",
    "OrgCreate",
    "OrgKind",
    "OrgLevel",
    "OrgMove",
    "OrgRead",
    "OrgStats",
    "OrgStatus",
    "OrgUpdate",
    "OutboxMessageRead",
    "OutboxMessageReadPayload",
    "OutboxMessageReadStatus",
    "PageEnterpriseRead",
    "PageMemberRead",
    "PageOrgRead",
    "PageOutboxMessageRead",
    "PasswordSet",
    "PasswordSetRead",
    "PersonIn",
    "PersonLookup",
    "PersonRead",
    "PhoneUpdate",
    "Problem",
    "ProblemErrorsItem",
    "ReasonRequired",
    "ServiceClientCreate",
    "ServiceClientCreated",
    "ServiceClientCreateRolesItem",
    "ServiceKind",
    "ServiceRecordCreate",
    "ServiceRecordRead",
    "SizeClass",
    "TokenRead",
    "TransferCreate",
    "TransferRead",
    "TransferState",
    "UnionBankAccountFull",
    "UnionBankAccountIn",
    "UnionBankAccountRead",
    "UsccReview",
)
