"""Every table, imported in one place so the metadata is complete for migrations and queries."""

from models.audit import AuditEntry, AuditHead
from models.deadlines import CalendarYear, Deadline
from models.documents import DocumentVersion, Interpretation, PolicyDocument
from models.organisation import Department, Person, PersonRole
from models.publication import DocNumberCounter, Publication
from models.review import Finding, ReviewAttempt, ReviewStep

__all__ = [
    "AuditEntry",
    "AuditHead",
    "CalendarYear",
    "Deadline",
    "Department",
    "DocNumberCounter",
    "DocumentVersion",
    "Finding",
    "Interpretation",
    "Person",
    "PersonRole",
    "PolicyDocument",
    "Publication",
    "ReviewAttempt",
    "ReviewStep",
]
