"""The errors policyflow raises, each naming what was wrong and what to do.

PolicyflowError                 base; ``message`` says what is wrong, ``hint`` what to do
├── InvalidInput                bad input from a person or a file (CLI exit 2)
│   ├── CalendarFileInvalid     a holiday-schedule file that fails validation
│   ├── DocumentUnreadable      a file that cannot be read as a document
│   └── UncoveredCharacters     text with characters no installed font can draw
├── NotFound                    an account, department, document or run that does not exist (exit 2)
├── CalendarNotPublished        a date in a year with no loaded State Council schedule (exit 2)
├── TransitionNotAllowed        a lifecycle move the table forbids (exit 2)
├── ApprovalRefused             wrong secret, wrong role or self-approval (exit 2)
├── FontUnavailable             no font can be found for a typeface rendering needs (exit 2)
└── IntegrityError              stored data failed a check, e.g. the audit chain (exit 1)
"""

from __future__ import annotations


class PolicyflowError(Exception):
    """Base of every error policyflow raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class InvalidInput(PolicyflowError):
    """Input that cannot be accepted as given."""


class CalendarFileInvalid(InvalidInput):
    """A holiday-schedule file that fails validation."""


class DocumentUnreadable(InvalidInput):
    """A file that cannot be read as a document."""


class UncoveredCharacters(InvalidInput):
    """Characters that no installed font covers: rendered they would be blank, so rendering stops."""

    def __init__(self, characters: list[str], where: str = "the text") -> None:
        named = "、".join(f"{c}（U+{ord(c):04X}）" for c in characters)
        super().__init__(
            f"{len(characters)} character(s) in {where} are covered by no installed font: {named}",
            "Replace them (e.g. a rare 生僻字 with its common form), or install a font that has them "
            "(fonts-noto-cjk covers CJK Extensions A–B) and render again.",
        )
        self.characters = characters


class NotFound(PolicyflowError):
    """A named record that does not exist."""


class CalendarNotPublished(PolicyflowError):
    """A working-day computation reaching a year with no published schedule."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"no State Council holiday schedule is loaded for {year}; "
            f"working days in {year} cannot be computed",
            f"When the 国务院办公厅 notice for {year} is published, add the year to a calendar file "
            f"and run `policyflow calendar load FILE` (see README, 'Working-day calendar').",
        )
        self.year = year


class TransitionNotAllowed(PolicyflowError):
    """A lifecycle move the lifecycle table forbids."""


class ApprovalRefused(PolicyflowError):
    """A review decision refused: wrong secret, wrong role, or the drafter's own package."""


class FontUnavailable(PolicyflowError):
    """No font file could be found for a typeface that rendering needs."""


class IntegrityError(PolicyflowError):
    """Stored data that failed an integrity check."""

    exit_code = 1
