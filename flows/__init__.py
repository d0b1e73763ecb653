"""Prefect flows, one module per lifecycle stage; ``DEPLOYED_FLOWS`` is what runners serve."""

from typing import Any

from prefect import Flow

from flows.monitoring import review_overdue
from flows.publication import publish_document
from flows.submission import submit_policy

DEPLOYED_FLOWS: list[Flow[Any, Any]] = [submit_policy, publish_document, review_overdue]
