"""Prefect flows, one module per lifecycle stage; ``DEPLOYED_FLOWS`` is what runners serve."""

from flows.submission import submit_policy

DEPLOYED_FLOWS = [submit_policy]
