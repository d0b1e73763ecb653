"""Daily watch over the review chain: which steps have waited too long."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_table_artifact

from tasks.status import status_report


@flow(name="review-overdue")
def review_overdue() -> int:
    """列出超过办理时限（工作日）仍未审核的环节。"""
    report = status_report()
    late = [step for step in report.waiting if step.overdue]
    rows = [
        {
            "文件编号": s.document_id,
            "标题": s.title,
            "环节": f"{s.stage}（第{s.level}级）",
            "审核人": "、".join(s.reviewers),
            "送审日期": s.opened_on.isoformat(),
            "已等待工作日": s.age_working_days,
            "办理期限": str(s.due),
            "流程运行": s.flow_run_id,
        }
        for s in late
    ]
    create_table_artifact(
        key="review-overdue",
        table=rows or [{"结果": f"{report.today} 无超期审核环节"}],
        description=f"{report.today} 超期审核环节：{len(late)} 个",
    )
    return len(late)
