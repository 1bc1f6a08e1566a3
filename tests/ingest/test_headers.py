"""Header mapping: every spelling real deliveries use lands on the canonical column."""

import pytest

from creditwh.ingest.headers import map_headers, normalize_header
from creditwh.platform.sources import SOURCES, get_source


@pytest.mark.parametrize("source", ["licenses", "penalties"])
def test_every_chinese_header_of_the_national_template_maps_to_its_canonical_column(source):
    fields = get_source(source).fields
    hm = map_headers(source, [f.name_zh for f in fields])
    assert list(hm.columns) == [f.canonical for f in fields]
    assert hm.style == "chinese"


@pytest.mark.parametrize("source", ["licenses", "penalties"])
def test_every_field_code_maps_to_its_canonical_column(source):
    fields = get_source(source).fields
    hm = map_headers(source, [f.code.lower() if i % 2 else f.code for i, f in enumerate(fields)])
    assert list(hm.columns) == [f.canonical for f in fields]
    assert hm.style == "field_code"


@pytest.mark.parametrize("source", ["licenses", "penalties"])
def test_the_2015_template_maps_onto_canonical_columns(source):
    old = get_source(source).old_fields
    hm = map_headers(source, [f.code for f in old])
    assert list(hm.columns) == [f.canonical for f in old]
    assert hm.style == "old_template"
    assert not hm.unmapped


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_source_maps_its_own_headers(source):
    fields = get_source(source).fields
    assert list(map_headers(source, [f.name_zh for f in fields]).columns) == [f.canonical for f in fields]
    assert list(map_headers(source, [f.code for f in fields]).columns) == [f.canonical for f in fields]


@pytest.mark.parametrize(
    "header",
    [
        "行政相对人代码_1（统一社会信用代码）",
        "行政相对人代码_1(统一社会信用代码)",
        " 行政相对人代码_1 ( 统一社会信用代码 ) ",
        "统一社会信用代码",
        "CF_XDR_SHXYM",
        "cf_xdr_shxym",
        "\ufeff统一社会信用代码",
    ],
)
def test_long_form_brackets_and_stray_spaces_all_mean_the_uscc(header):
    assert map_headers("penalties", [header]).columns == ("uscc",)


def test_full_and_half_width_fine_headers_are_the_same():
    assert normalize_header("罚款金额（万元）") == normalize_header("罚款金额(万元)")
    assert map_headers("penalties", ["罚款金额（万元）", "罚款金额(万元)"]).columns[0] == "fine_10k_yuan"


def test_unknown_and_repeated_headers_are_kept_as_extras_not_dropped():
    hm = map_headers("penalties", ["统一社会信用代码", "经办人电话", "CF_XDR_SHXYM", ""])
    assert hm.columns == ("uscc", "x__经办人电话", "x__CF_XDR_SHXYM", "x__column_4")
    assert hm.unmapped == ("经办人电话", "CF_XDR_SHXYM", "")
