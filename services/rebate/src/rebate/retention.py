"""What rebate deletes once it has served its purpose; run by a CronJob (deploy/k8s):
`python -m rebate.retention`. Nothing of the money's record (fees, cases, ledger, audit,
payouts) is ever deleted here."""

from datetime import timedelta

from rebate.models import IdempotencyRecord, OutboxMessage, WebhookDelivery
from rebate.settings import RebateSettings
from servicekit.outbox import DELIVERED
from servicekit.retention import Rule, run

RULES = (
    # A client retries a payout or a run with the same key for hours at most.
    Rule(IdempotencyRecord, "created_at", timedelta(days=7)),
    # Delivered messages stay a month for the replay endpoint and for questions from partners;
    # dead letters stay until an operator has dealt with them.
    Rule(OutboxMessage, "delivered_at", timedelta(days=30), f"status = '{DELIVERED}'"),
    # A delivery's webhook-id only matters within the 5-minute replay window; a month leaves
    # room for partners' questions about what arrived.
    Rule(WebhookDelivery, "received_at", timedelta(days=30)),
)

if __name__ == "__main__":
    run(RebateSettings(), RULES)
