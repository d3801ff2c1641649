from __future__ import annotations

from pathlib import Path

import pytest

from app.model.errors import InputError
from ingest.inventory.headers import LAB_CLUSTER, PLATFORM, canonical_of, detect_kind, norm_header
from ingest.inventory.read import read_inventory
from ingest.inventory.textlist import split_run


def test_header_normalisation() -> None:
    assert norm_header("依 托 單 位（盖章）") == "依托单位"
    assert canonical_of("No.", PLATFORM) == "seq"
    assert canonical_of("所屬領域", PLATFORM) == "field"
    assert canonical_of("依托单位名称及地址", PLATFORM) == "host"  # keyword rule
    assert detect_kind(["实验室群名称", "群主任", "成员单位"]) == LAB_CLUSTER
    assert detect_kind(["序号", "平台名称", "所属实验室群", "群内角色"]) == PLATFORM


def test_utf8_csv_mapping_unknown_columns_and_rejects(fixtures: Path) -> None:
    r = read_inventory(fixtures / "platforms_utf8.csv")
    assert (r.kind, r.format, r.encoding, r.doc_id) == ("platform", "csv", "utf-8", "platforms_utf8")
    assert r.tables[0].header_row == 2  # a title row sits above the header
    assert r.header_mapping["所在地市"] == "region" and r.unknown_columns == ["备注"]
    assert [row["_row"] for row in r.rows] == [3, 4, 5, 6, 8]
    assert r.rows[1]["extra_备注"] == "新建" and r.rows[1]["year"] == 2021
    assert [(j.row, j.column, j.reason, j.dropped) for j in r.rejects] == [
        (6, "year", "no year in cell", False),
        (7, "name", "empty name", True),
        (9, "name", "note row", True),
    ]
    assert all(j.file.endswith("platforms_utf8.csv") for j in r.rejects)


def test_encodings_detected(fixtures: Path) -> None:
    assert read_inventory(fixtures / "platforms_bom.csv").encoding == "utf-8-sig"
    gb = read_inventory(fixtures / "platforms_gb18030.csv")
    assert gb.encoding == "gb18030"
    assert gb.header_mapping == {
        "序號": "seq",
        "實驗室名稱": "name",
        "依託單位": "host",
        "級別": "level",
        "類型": "type",
        "所屬領域": "field",
    }
    assert gb.rows[0]["level"] == "国家级"


def test_bad_level_is_a_cell_reject(fixtures: Path) -> None:
    r = read_inventory(fixtures / "platforms_bom.csv")
    assert [(j.row, j.column, j.value, j.dropped) for j in r.rejects] == [(4, "level", "地方级", False)]
    assert len(r.rows) == 3 and r.rows[0]["status"] == "良好"


def test_xlsx_every_sheet_with_a_header(fixtures: Path) -> None:
    r = read_inventory(fixtures / "platforms.xlsx")
    assert [(t.sheet, t.header_row, t.rows) for t in r.tables] == [("重点实验室", 3, 3), ("工程研究中心", 1, 2)]
    assert r.skipped_tables == ["说明"]
    assert [row["year"] for row in r.rows] == [2020, 2020, 2020, 2019, 2019]


def test_docx_repeated_header_and_html_rowspan(fixtures: Path) -> None:
    d = read_inventory(fixtures / "platforms.docx")
    assert [row["name"] for row in d.rows] == [
        "河北省煤炭资源综合利用技术创新中心",
        "河北省中药材种质资源重点实验室",
        "河北省钢铁冶金工程研究中心",
    ]
    h = read_inventory(fixtures / "platforms.html")
    assert [row["host"] for row in h.rows] == ["广西大学", "广西大学", "广西大学、北部湾大学"]
    assert h.rows[2]["name"] == "广西北部湾海洋生态技术创新中心"  # <br> inside a cell: the break is dropped
    assert h.rows[1]["region"] == "南宁市"


def test_numbered_and_spaced_text_lists(fixtures: Path) -> None:
    n = read_inventory(fixtures / "numbered_list.txt")
    assert [(row["_row"], row["name"], row.get("host"), row.get("co_builders")) for row in n.rows] == [
        (5, "辽宁省先进材料制备技术重点实验室", "东北大学", None),
        (6, "辽宁省智能农机装备工程研究中心", "沈阳农业大学", None),
        (7, "辽宁省海洋生物资源重点实验室", "大连海洋大学", "大工、中科院大连化物所"),
        (8, "辽宁省精细化工重点实验室", "大连理工大学", None),
    ]
    assert n.rows[3]["region"] == "大连市"
    s = read_inventory(fixtures / "spaced_list.txt")
    assert [(row["seq"], row["host"], row["region"]) for row in s.rows] == [
        ("1", "广西大学", "南宁市"),
        ("2", "桂电", "桂林"),
        ("3", "广西农科院", "南宁"),
    ]


def test_split_run_uses_the_domain_dictionary() -> None:
    assert split_run("辽宁省精细化工重点实验室大连理工大学大连市") == (
        "辽宁省精细化工重点实验室",
        "大连理工大学",
        "大连市",
    )
    assert split_run("辽宁省精细化工重点实验室") == ("辽宁省精细化工重点实验室", "", "")


def test_lab_cluster_list_fills_down(fixtures: Path) -> None:
    r = read_inventory(fixtures / "lab_clusters.csv")
    assert r.kind == "lab_cluster"
    assert [row["cluster"] for row in r.rows] == ["辽宁省先进材料实验室群"] * 3 + ["辽宁省海洋生物实验室群"] * 2
    assert r.rows[1]["director"] == "张三（东北大学）" and r.rows[1]["role"] == "金融机构"


def test_no_name_column_is_refused_with_the_headers_found(fixtures: Path) -> None:
    with pytest.raises(InputError) as exc:
        read_inventory(fixtures / "no_name_column.csv")
    assert exc.value.path.name == "no_name_column.csv"
    assert "序号, 依托单位, 地区, 说明" in exc.value.reason


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_inventory(tmp_path / "missing.csv")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unsupported"):
        read_inventory(tmp_path / "x.pdf")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="XLSX"):
        read_inventory(tmp_path / "bad.xlsx")
