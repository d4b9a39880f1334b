"""Every table of the service, imported in one place for Alembic and the mapper registry."""

from rebate.applications.models import Application
from rebate.audit.models import AuditCheckpoint, AuditEvent
from rebate.cases.models import CaseFee, RebateCase, Review
from rebate.db import Base
from rebate.fees.models import FeeRecord
from rebate.ledger.models import LedgerEntry
from rebate.partners.models import Partner, PartnerSecret, WebhookDelivery
from rebate.payouts.models import BankAnswer, Payout
from rebate.policies.models import Policy
from rebate.runs.models import RebateException, RebateRun
from servicekit.idempotency import IdempotencyRecordMixin
from servicekit.outbox import OutboxMessageMixin


class OutboxMessage(OutboxMessageMixin, Base):
    __tablename__ = "outbox_message"


class IdempotencyRecord(IdempotencyRecordMixin, Base):
    __tablename__ = "idempotency_record"


__all__ = [
    "Application",
    "AuditCheckpoint",
    "AuditEvent",
    "BankAnswer",
    "CaseFee",
    "FeeRecord",
    "IdempotencyRecord",
    "LedgerEntry",
    "OutboxMessage",
    "Partner",
    "PartnerSecret",
    "Payout",
    "Policy",
    "RebateCase",
    "RebateException",
    "RebateRun",
    "Review",
    "WebhookDelivery",
]
