"""自然人姓名, found only next to cue words (联系人：…, …同志): name taggers are mostly wrong on
government prose (DESIGN.md), while a cue plus a common surname is rarely wrong."""

from __future__ import annotations

from collections.abc import Iterator

from models.enums import FindingCategory
from tasks.scanning.findings import ScanFinding
from tasks.scanning.terms import Role, TermMatches, words

# Cues after which a person's name follows (联系人：张伟). Longer cues win (被申请人 over 申请人).
NAME_CUES_BEFORE = words(
    "联系人 经办人 承办人 申请人 被申请人 当事人 被处罚人 违法行为人 被执行人 失信被执行人 被惩戒人 "
    "法定代表人 委托代理人 代理人 负责人 举报人 投诉人 信访人 受害人 监护人 户主 姓名 收件人 签收人 "
    "填报人 填表人 审核人 记录人 证人 被检查人 参保人 受理人 起草人"
)
# Cues before which a name stands (王小明同志, 李女士).
NAME_CUES_AFTER = ("同志", "先生", "女士")
# The parties whose names 惩戒公示 / 行政处罚决定 publish on purpose (tasks.redaction keeps them).
NAMED_PARTY_CUES = ("当事人", "被处罚人", "违法行为人", "被执行人", "失信被执行人", "被惩戒人", "法定代表人")

COMPOUND_SURNAMES = frozenset(
    words(
        "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 宇文 长孙 夏侯 司徒 端木 轩辕 独孤 南宫 西门 万俟 闻人 呼延"
    )
)
# Common surnames. Left out on purpose: characters that are far more often function words in
# government prose than surnames (于 和 向 从 同 全 成 文 相 明 安 时 原 该).
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔汤易常乔赖庞樊殷施洪翟牛聂倪柴葛甘祝申鲁靳岳耿欧章焦齐包伍游晏"
    "凌柳姬尚刁纪宁宫阎裴蓝温柯盛骆邢梅萧童左胥鲍郜单卜屈滕"
)
# Two-character words that start with a surname character but are not names (当事人陈述、申辩).
NOT_NAMES = frozenset(
    words(
        "陈述 陈列 任何 任职 任务 许可 常住 常年 常态 曾经 高度 高效 方面 方式 方可 方案 方便 余额 万元 周边 周期 "
        "周年 张贴 金额 石油 江河 马上 黄金 黄河 林业 林地 白天 史料 段落 贺信 龙头 雷同 钱款 严格 严重 申请 申报 "
        "申辩 齐全 包括 单位 单独 宁可 温度 康复 施工 施行 洪水 尚未 纪律 包装 游客 左右 章程 焦点 范围 祝贺"
    )
)
# Characters that do not occur in given names: they end a name or show the words were not one.
NOT_IN_GIVEN_NAMES = frozenset(
    "的了和与及或在是为对等们部员局办委会府门区县市省镇村务导责关级层位体众人者性要有该本此其各每把被将从向由到给让某×*＊X"
)
# What typically follows a name: a function character (张伟等, 王明的) or a word (李娜提出, 张三电话).
AFTER_NAME = frozenset("等的和与及或在于为系是对向将已因男女同先电手身性住")
FOLLOW_WORDS = frozenset(
    words(
        "提出 申请 联系 出生 现住 户籍 籍贯 家住 所在 委托 代理 签字 签名 说明 表示 认为 称其 诉称 经营 自愿 "
        "担任 负责 同意 反映 来电 来信 来访 办理"
    )
)


def find_person_names(text: str, hits: TermMatches) -> Iterator[ScanFinding]:
    """Names right after a cue word, or right before 同志/先生/女士."""
    for hit in hits.get(Role.NAME_CUE_BEFORE, []):
        span = name_after(text, hit.end)
        if span:
            yield _finding(text, *span)
    for hit in hits.get(Role.NAME_CUE_AFTER, []):
        start = name_before(text, hit.start)
        if start is not None:
            yield _finding(text, start, hit.start)


def name_after(text: str, position: int) -> tuple[int, int] | None:
    """The span of a name starting at ``position`` (after up to three separators), or None."""
    limit = min(position + 3, len(text))
    while position < limit and text[position] in "：: \t\u3000":
        position += 1
    surname = _surname_at(text, position)
    if not surname or text[position : position + 2] in NOT_NAMES:
        return None
    given = position + len(surname)
    for length in _given_name_lengths(text, given):
        if _is_given_name(text[given : given + length], length):
            return position, given + length
    return None


def _given_name_lengths(text: str, given: int) -> tuple[int, ...]:
    """Given-name lengths to try, most likely first: where the name visibly ends, else two characters
    rather than leave half a name visible."""
    if text[given + 1 : given + 3] in FOLLOW_WORDS or (
        _ends_name(text, given + 1) and not _ends_name(text, given + 2)
    ):
        return (1,)
    return (2, 1)


def name_before(text: str, end: int) -> int | None:
    """Where a name ending at ``end`` (before 同志/先生/女士) starts, or None."""
    for length in (3, 2):
        start = end - length
        candidate = text[start:end] if start >= 0 else ""
        surname = _surname_at(candidate, 0)
        if not surname or candidate[:2] in NOT_NAMES:
            continue
        if not _is_given_name(candidate[len(surname) :], length - len(surname)):
            continue
        if length == 2 or start == 0 or not _is_han(text[start - 1]) or text[start - 1] in NOT_IN_GIVEN_NAMES:
            return start
    return None


def _surname_at(text: str, position: int) -> str:
    if text[position : position + 2] in COMPOUND_SURNAMES:
        return text[position : position + 2]
    return text[position] if position < len(text) and text[position] in SURNAMES else ""


def _is_given_name(given: str, length: int) -> bool:
    return len(given) == length >= 1 and all(_is_han(c) and c not in NOT_IN_GIVEN_NAMES for c in given)


def _ends_name(text: str, position: int) -> bool:
    return position >= len(text) or not _is_han(text[position]) or text[position] in AFTER_NAME


def _is_han(character: str) -> bool:
    return "\u4e00" <= character <= "\u9fff"


def _finding(text: str, start: int, end: int) -> ScanFinding:
    name = text[start:end]
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
    return ScanFinding(
        "person_name",
        FindingCategory.PRIVACY,
        start,
        end,
        name,
        f"自然人姓名，公开版本应改为“{surname}某”（当事人姓名依法公示的除外）",
    )
