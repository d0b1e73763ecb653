"""prefect.yaml: every deployment loads, matches a flow policyflow serves, and schedules in China time."""

from __future__ import annotations

from prefect.flows import load_flow_from_entrypoint

from flows import DEPLOYED_FLOWS
from policyflow.serving import deployments


def test_every_entrypoint_loads_the_flow_of_the_same_name():
    for deployment in deployments():
        flow = load_flow_from_entrypoint(deployment["entrypoint"], use_placeholder_flow=False)
        assert flow.name == deployment["name"], deployment["entrypoint"]


def test_prefect_yaml_deploys_exactly_the_flows_the_local_runner_serves():
    assert sorted(d["name"] for d in deployments()) == sorted(f.name for f in DEPLOYED_FLOWS)


def test_every_deployment_uses_the_policyflow_pool_and_describes_itself():
    for deployment in deployments():
        assert deployment["work_pool"]["name"] == "policyflow"
        assert deployment["description"].strip()


def test_schedules_are_in_asia_shanghai():
    scheduled = {d["name"]: d["schedules"] for d in deployments() if d.get("schedules")}
    assert set(scheduled) == {"review-overdue"}
    for schedules in scheduled.values():
        assert all(s["timezone"] == "Asia/Shanghai" for s in schedules)
