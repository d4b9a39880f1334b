"""What competition deletes once it has served its purpose; run by a CronJob (deploy/k8s):
`python -m competition.retention`. Scores, rankings and awards are never deleted here."""

from datetime import timedelta

from competition.models import IdempotencyRecord, OutboxMessage
from competition.settings import CompetitionSettings
from servicekit.outbox import DELIVERED
from servicekit.retention import Rule, run

RULES = (
    # A client retries a registration or a batch with the same key for hours at most.
    Rule(IdempotencyRecord, "created_at", timedelta(days=7)),
    # Delivered honour grants stay a month for questions; dead letters until dealt with.
    Rule(OutboxMessage, "delivered_at", timedelta(days=30), f"status = '{DELIVERED}'"),
)

if __name__ == "__main__":
    run(CompetitionSettings(), RULES)
