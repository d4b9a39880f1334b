"""The cyclic garbage collector, tuned once a process has started (web processes and
workers alike)."""

import gc

from servicekit.settings import Environment, ServiceSettings

# A young-generation pass every 50,000 net allocations instead of 700. A request that takes
# ten thousand fee records, or a chunk of a run, makes tens of thousands of short-lived
# containers that live across awaits: with the default, the collector runs hundreds of times
# a chunk and promotes much of it to the old generation, whose full passes then walk the whole
# heap. Measured on the rebate bench (bench/RESULTS.md, Rebate): a fifth to a quarter less of
# the web process's CPU per ingested record and a third less of the worker's per run. The
# older generations keep their usual ratio of ten, so cyclic garbage that survives the young
# passes still meets a full collection at the usual pace relative to them.
THRESHOLDS = (50_000, 10, 10)


def tune_collector(settings: ServiceSettings) -> None:
    """Fewer, later passes; and what start-up built (routes, SQLAlchemy mappers, pydantic
    validators, settings) lives as long as the process, yet a full pass would walk all of it:
    frozen, it is left alone. Not frozen under tests, where an app is built per test and must
    be freed."""
    gc.set_threshold(*THRESHOLDS)
    if settings.environment is Environment.TEST:
        return
    gc.collect()
    gc.freeze()
