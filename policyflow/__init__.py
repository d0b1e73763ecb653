"""policyflow: the 政务公开 lifecycle of a policy document, on Prefect."""

__version__ = "0.1.0"
