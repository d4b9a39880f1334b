from fastapi import FastAPI

from rebate.settings import RebateSettings
from servicekit.app import create_service_app

VERSION = "0.1.0"


def create_app(settings: RebateSettings | None = None) -> FastAPI:
    return create_service_app(
        settings or RebateSettings(),
        title="gonghui rebate",
        description=(
            "Union-fee rebates for small and micro enterprises: fee records from tax partners, "
            "policies, rebate cases, reviews, payouts and the ledger."
        ),
        version=VERSION,
        routers=[],
    )
