"""个人信息 detectors: ID numbers, bank cards, phones, e-mail and plates — true positives and near-misses."""

from __future__ import annotations

import pytest

from tasks.scanning import scan_text
from tasks.scanning.privacy import id_check_character, is_bank_card, is_id_number, luhn_valid

STANDARD_ID = "11010519491231002X"  # the worked example of GB 11643-1999
LUHN_VALID_ID = "370124199003071105"  # a valid ID number that happens to pass Luhn as well
CARD_19 = "6222021234567890128"
CARD_16 = "6234567890123451"


def kinds(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every privacy finding, in order."""
    return [(f.kind, f.text) for f in scan_text(text) if f.category == "privacy"]


def test_id_check_character_matches_the_gb11643_example():
    assert id_check_character(STANDARD_ID[:17]) == "X"


@pytest.mark.parametrize(
    "candidate",
    [STANDARD_ID, STANDARD_ID.lower(), LUHN_VALID_ID, "370124900307123"],
    ids=["standard", "lower-case x", "luhn-valid", "old 15-digit"],
)
def test_is_id_number_accepts_valid_numbers(candidate):
    assert is_id_number(candidate)


@pytest.mark.parametrize(
    "candidate",
    [
        "110105194912310021",  # wrong check digit
        "110105194902300020",  # 30 February, with its own correct check digit
        "110105209912310029",  # born in 2099
        "990105194912310023",  # no province 99
        "370124901307123",  # old number, month 13
    ],
)
def test_is_id_number_refuses_near_misses(candidate):
    assert not is_id_number(candidate)


def test_luhn_valid_matches_the_textbook_example():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


def test_is_bank_card_refuses_a_luhn_valid_id_number():
    assert luhn_valid(LUHN_VALID_ID)
    assert not is_bank_card(LUHN_VALID_ID)


def test_scan_finds_an_id_number():
    assert kinds(f"身份证号：{STANDARD_ID}。") == [("id_number", STANDARD_ID)]


def test_scan_finds_an_old_15_digit_id_number():
    assert kinds("身份证370124900307123，") == [("id_number", "370124900307123")]


def test_scan_does_not_call_a_wrong_check_digit_an_id_number():
    assert kinds("编号110105194912310021。") == []


def test_scan_reports_a_luhn_valid_id_number_only_as_an_id_number():
    assert kinds(f"证件号码{LUHN_VALID_ID}") == [("id_number", LUHN_VALID_ID)]


def test_scan_does_not_take_an_id_number_out_of_a_longer_digit_run():
    assert kinds(f"流水号9{STANDARD_ID[:17]}12") == []


@pytest.mark.parametrize("card", [CARD_19, CARD_16, "6222 0212 3456 7890 128"])
def test_scan_finds_a_bank_card(card):
    assert kinds(f"开户账号：{card}。") == [("bank_card", card)]


@pytest.mark.parametrize("number", ["6222021234567890123", "1111111111111111", "0000000000000000"])
def test_scan_does_not_call_a_number_failing_luhn_or_repeated_a_bank_card(number):
    assert kinds(f"编号{number}") == []


@pytest.mark.parametrize("mobile", ["13812345678", "138-1234-5678", "138 1234 5678", "+86 13812345678"])
def test_scan_finds_a_mobile_number(mobile):
    assert kinds(f"手机：{mobile}，") == [("mobile", mobile)]


@pytest.mark.parametrize("text", ["订单号213812345678", "12812345678", "1381234567", "138123456789"])
def test_scan_does_not_find_a_mobile_in_other_digit_runs(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "landline", ["0531-86123456", "010-62345678", "(0635)3281234", "（0531）8612 3456", "021 5432 1098"]
)
def test_scan_finds_a_landline_with_area_code(landline):
    assert kinds(f"电话：{landline}。") == [("landline", landline)]


@pytest.mark.parametrize(
    "text", ["电话：86123456", "拨打0531-12345", "2023-07-28", "2021-2025年", "400-812-3456"]
)
def test_scan_does_not_find_a_landline_without_area_code_or_in_dates(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "拨打12345市民服务热线",
        "消费者投诉请拨12315",
        "96128公积金热线",
        "梳理政务服务事项5580项",
        "2024年政务公开工作要点",
        "（京政发〔2024〕12号）",
    ],
)
def test_scan_finds_no_personal_data_in_service_numbers_and_figures(text):
    assert kinds(text) == []


def test_scan_finds_an_email_address():
    assert kinds("邮箱：zhang.wei@example.com。") == [("email", "zhang.wei@example.com")]


@pytest.mark.parametrize("text", ["请@青禾发布", "邮箱：zhangwei@", "a@b"])
def test_scan_does_not_find_an_email_without_a_domain(text):
    assert kinds(text) == []


@pytest.mark.parametrize("plate", ["鲁A12345", "京N·D12345", "粤B·12345", "川A1234学"])
def test_scan_finds_a_vehicle_plate(plate):
    assert kinds(f"车牌号{plate}，") == [("plate", plate)]


@pytest.mark.parametrize("text", ["京津冀协同发展", "鲁A", "沪ABCDE", "京A123456789"])
def test_scan_does_not_find_a_plate_in_other_text(text):
    assert kinds(text) == []


def test_scan_reads_full_width_digits_and_keeps_offsets():
    text = "手机：１３８１２３４５６７８"
    findings = scan_text(text)
    assert [(f.kind, f.text, f.start) for f in findings] == [("mobile", "１３８１２３４５６７８", 3)]
