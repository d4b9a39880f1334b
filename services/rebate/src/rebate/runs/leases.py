"""Who executes a run: a `python -m rebate worker` (rebate.runs.worker), never the web process
that queued it. A worker claims a queued run with a lease and renews the lease while it works
(servicekit.worker); two workers never hold the same run, a run whose holder died (its lease
ran out) is claimed again and resumed, and a holder that finds its lease taken stops at once,
so two never write the same run."""

from servicekit.worker import LeasedQueue

RUNS = LeasedQueue(
    table="rebate.rebate_run",
    waiting="status = 'queued'",
    working="status = 'running'",
    claimed="status = 'running'",
    order_by="started_at",
)
