"""Prefect flows, one module per lifecycle stage; ``DEPLOYED_FLOWS`` is what runners serve."""

from typing import Any

from prefect import Flow

from flows.monitoring import review_overdue
from flows.submission import submit_policy

DEPLOYED_FLOWS: list[Flow[Any, Any]] = [submit_policy, review_overdue]
