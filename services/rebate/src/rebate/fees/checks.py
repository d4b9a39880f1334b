"""What a fee delivery's records must be before anything is stored: each checked one by
one (a bad record is refused with its reason, the others go on), each record id once, each
record of the sending partner's regions."""

import hashlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from rebate.fees.schemas import FeeRecordIn, FeeVoidIn, Rejection

_records = TypeAdapter(list[FeeRecordIn])
_record = TypeAdapter(FeeRecordIn)
_void = TypeAdapter(FeeVoidIn)


def content_hash(raw: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(raw, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _amount_problem(record: FeeRecordIn, correcting: bool) -> str | None:
    # A correction to 0.00 takes the payment back in full; a new record of nothing is a mistake.
    if record.fee_amount < 0 or (record.fee_amount == 0 and not correcting):
        return "fee_amount must be above 0.00"
    if record.fee_amount > record.payroll_total:
        return "fee_amount exceeds payroll_total"
    return None


def check_voids(raw: Sequence[Any]) -> tuple[list[str], list[Rejection]]:
    """A void names a record: {"record_id": "..."}; each record id once."""
    wanted: list[str] = []
    bad: list[Rejection] = []
    for item in raw:
        try:
            wanted.append(_void.validate_python(item).record_id)
        except ValidationError as exc:
            rid = item.get("record_id") if isinstance(item, dict) else None
            bad.append(
                Rejection(record_id=str(rid) if rid is not None else None, reason=_reason(exc))
            )
    counts = Counter(wanted)
    for rid, n in counts.items():
        if n > 1:
            bad.append(
                Rejection(record_id=rid, reason=f"record_id appears {n} times in this delivery")
            )
    return [rid for rid in dict.fromkeys(wanted) if counts[rid] == 1], bad


def check_records(
    raw: Sequence[Any], correcting: bool = False
) -> tuple[list[tuple[FeeRecordIn, dict[str, Any]]], list[Rejection]]:
    """Valid records with their raw form, and a reason for each invalid one."""
    try:
        # One pass over the whole list in pydantic-core: the common, all-valid case is fast.
        parsed: list[FeeRecordIn | ValidationError] = list(_records.validate_python(list(raw)))
    except ValidationError:
        parsed = []
        for item in raw:
            try:
                parsed.append(_record.validate_python(item))
            except ValidationError as exc:
                parsed.append(exc)
    good: list[tuple[FeeRecordIn, dict[str, Any]]] = []
    bad: list[Rejection] = []
    for item, outcome in zip(raw, parsed, strict=True):
        record_id = item.get("record_id") if isinstance(item, dict) else None
        rid = str(record_id) if record_id is not None else None
        if isinstance(outcome, ValidationError):
            bad.append(Rejection(record_id=rid, reason=_reason(outcome)))
        elif (problem := _amount_problem(outcome, correcting)) is not None:
            bad.append(Rejection(record_id=rid, reason=problem))
        else:
            good.append((outcome, item))
    return _once_each(good, bad)


def _once_each(
    good: list[tuple[FeeRecordIn, dict[str, Any]]], bad: list[Rejection]
) -> tuple[list[tuple[FeeRecordIn, dict[str, Any]]], list[Rejection]]:
    """A record id twice in one delivery is ambiguous (which one is meant?): every
    occurrence is refused as such, and none is stored."""
    counts = Counter(record.record_id for record, _ in good)
    twice = {rid for rid, n in counts.items() if n > 1}
    if not twice:
        return good, bad
    for rid in sorted(twice):
        bad.append(
            Rejection(
                record_id=rid,
                reason=f"record_id appears {counts[rid]} times in this delivery",
            )
        )
    return [(r, raw) for r, raw in good if r.record_id not in twice], bad


def outside_regions(record: FeeRecordIn, regions: tuple[str, ...]) -> Rejection:
    """A tax partner sends the records of its regions only; any other is refused (it is not
    this partner's to report, and would be refunded by a federation that never vouched for
    it). A correction is held to the same: it cannot move a record out of them."""
    registered = ", ".join(regions) or "none yet; an admin sets them"
    return Rejection(
        record_id=record.record_id,
        reason=f"region_code {record.region_code} is outside the regions this partner is "
        f"registered for ({registered})",
    )
