"""Detailed addresses down to 号/栋/单元/室; 政府信息公开 prose never matches."""

from __future__ import annotations

import pytest

from tasks.scanning import scan_text


def addresses(text: str) -> list[str]:
    return [f.text for f in scan_text(text) if f.kind == "address"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("住址：北京市怀柔区青春路12号院3号楼2单元501室。", "北京市怀柔区青春路12号院3号楼2单元501室"),
        ("家住东阿县铜城街道黄河路15号，", "东阿县铜城街道黄河路15号"),
        ("青禾县城关镇幸福小区5栋2单元301室", "青禾县城关镇幸福小区5栋2单元301室"),
        ("现住城关镇东关村3组12号", "城关镇东关村3组12号"),
        ("地址：幸福家园3-2-501", "幸福家园3-2-501"),
        ("住所：济南市中山路东段88号", "济南市中山路东段88号"),
    ],
)
def test_scan_finds_a_detailed_address(text, address):
    assert addresses(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "县政府办公室负责统筹协调",
        "北京老字号品牌建设",
        "根据国办发〔2019〕54号文件",
        "乘坐地铁12号线",
        "落实中央1号文件精神",
        "开发区5号地块出让",
        "幸福小区5号",  # an estate without a building, unit or room is not precise enough
        "政务服务中心3号窗口",
        "建设黄河休闲旅游景观带",
    ],
)
def test_scan_finds_no_address_in_prose(text):
    assert addresses(text) == []
