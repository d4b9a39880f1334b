"""The set-off rule on its own: whatever the refund and the receivable, the enterprise gets
the refund in full, as cash plus debt forgiven, and never more than it is owed."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from rebate.payouts.service import set_off_of

money = st.decimals(min_value=Decimal("0.00"), max_value=Decimal("9999999.99"), places=2)
# A receivable can be negative on the ledger only by mistake; the rule must not pay it out.
balance = st.decimals(min_value=Decimal("-100.00"), max_value=Decimal("9999999.99"), places=2)


@given(refund=money, receivable=balance)
def test_set_off_never_exceeds_the_refund_or_the_debt(refund: Decimal, receivable: Decimal) -> None:
    set_off = set_off_of(refund, receivable)
    payout = refund - set_off
    assert Decimal("0.00") <= set_off <= refund
    assert set_off <= max(receivable, Decimal("0.00"))
    assert payout >= 0
    assert set_off + payout == refund
    assert set_off == set_off.quantize(Decimal("0.01"))


@given(refund=money, receivable=money)
def test_a_debt_is_recovered_in_full_when_the_refund_allows(
    refund: Decimal, receivable: Decimal
) -> None:
    # Either the debt is cleared or the whole refund went to it.
    assert set_off_of(refund, receivable) in (receivable, refund)
