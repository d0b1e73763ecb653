"""Settings, read from ``POLICYFLOW_*`` environment variables (or a ``.env`` file) on first use."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from models.enums import DocumentKind

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CALENDAR = Path(__file__).resolve().parent / "data" / "workdays.yaml"
BUNDLED_SECRECY_DICTIONARY = Path(__file__).resolve().parent / "data" / "secrecy_keywords.txt"
BUNDLED_WRONG_WORD_DICTIONARY = Path(__file__).resolve().parent / "data" / "wrong_words.txt"
# 解读要素 (regulations.md §3, 甘肃/嘉兴/广州 practice): what an interpretation must cover.
DEFAULT_INTERPRETATION_ELEMENTS = [
    "背景依据",
    "目标任务",
    "主要内容",
    "涉及范围",
    "执行标准",
    "注意事项",
    "关键词诠释",
    "惠民利民举措",
    "新旧政策差异",
]


class Settings(BaseSettings):
    """Every setting policyflow reads; each is documented in the README."""

    model_config = SettingsConfigDict(env_prefix="POLICYFLOW_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(default_factory=lambda: Path.home() / ".policyflow")
    database_url: str = ""
    output_dir: Path | None = None
    calendar_file: Path = BUNDLED_CALENDAR
    inbox_dir: Path | None = None  # where the Prefect Run form's file names are looked up
    timezone: str = "Asia/Shanghai"  # working days and dates are counted in this zone
    work_pool: str = "policyflow"

    # Rule thresholds. Defaults follow ../shared/reference/regulations.md; offices may tighten them.
    review_overdue_working_days: int = Field(default=3, ge=1)
    proactive_disclosure_working_days: int = Field(default=20, ge=1)  # 条例 Art. 26
    feedback_working_days: int = Field(default=10, ge=1)
    secrecy_review_levels: int = Field(default=3, ge=1, le=3)  # 承办人 → 部门负责人 → 保密审查员, last N
    legality_review_kinds: list[DocumentKind] = Field(
        default_factory=lambda: [DocumentKind.NORMATIVE, DocumentKind.MAJOR_DECISION]
    )
    interpretation_forms_government: int = Field(default=5, ge=1)
    interpretation_forms_department: int = Field(default=2, ge=1)
    interpretation_excerpt_share: float = Field(default=0.5, gt=0, le=1)
    id_number_redaction: Literal["remove", "mask"] = "remove"
    max_document_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)

    # Automated review checks (tasks/scanning, tasks/checks.py).
    secrecy_dictionary: Path = BUNDLED_SECRECY_DICTIONARY
    wrong_word_dictionary: Path = BUNDLED_WRONG_WORD_DICTIONARY
    interpretation_exempt_kinds: list[DocumentKind] = Field(default_factory=lambda: [DocumentKind.OTHER])
    interpretation_required_elements: list[str] = Field(
        default_factory=lambda: list(DEFAULT_INTERPRETATION_ELEMENTS), min_length=1
    )
    # Rendering fonts (tasks/fonts.py). Offices with licensed fonts point these at their files.
    font_dir: Path | None = None  # converted fonts are cached here; default the user cache (see below)
    fangsong_font: Path | None = None  # 仿宋 for body text; default Fandol FangSong
    title_font: Path | None = None  # 小标宋 for titles; default Noto Serif CJK SC Bold
    font_fetch: bool = True  # may fetch Fandol with `apt-get download texlive-lang-chinese`
    templates_dir: Path = PROJECT_ROOT / "templates"  # Word and portal templates offices may edit

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        """Refuse the embedded SQLite default in production, where PostgreSQL is expected."""
        if self.environment == "production" and not self.database_url.startswith("postgresql"):
            raise ValueError(
                "POLICYFLOW_ENVIRONMENT=production needs POLICYFLOW_DATABASE_URL set to a PostgreSQL URL "
                "(postgresql+psycopg://user:password@host/db)"
            )
        return self

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to an SQLite file in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'policyflow.db'}"

    @property
    def resolved_inbox_dir(self) -> Path:
        """Where files named in the Run form are read from."""
        return self.inbox_dir or self.data_dir / "inbox"

    @property
    def resolved_output_dir(self) -> Path:
        """Where generated documents and the portal are written."""
        return self.output_dir or self.data_dir / "output"

    @property
    def resolved_font_dir(self) -> Path:
        """Where fonts converted for PDF embedding are cached."""
        # Fonts are not data: one cache serves every data directory (the demo makes a new one each run).
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return self.font_dir or cache / "policyflow" / "fonts"


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once on first use."""
    return Settings()
