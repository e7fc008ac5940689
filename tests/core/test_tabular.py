import pytest
from openpyxl import Workbook

from amity.core.tabular import TabularError, detect_encoding, open_tabular

POLISH = "Imię;Nazwisko;Miasto\nŁukasz;Żółkiewski;Łódź\nZofia;Wiśniewska;Gdańsk\n"
THAI = "ชื่อ,นามสกุล,จังหวัด\nสมชาย,ใจดี,เชียงใหม่\nมาลี,ศรีสุข,ขอนแก่น\n"
WESTERN = "First Name,Last Name,City\nJosé,Peña,Cádiz\nFrançois,Côté,Montréal\n"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (POLISH, "cp1250", "cp1250"),
        (THAI, "cp874", "cp874"),
        (THAI, "tis-620", "cp874"),
        (WESTERN, "latin-1", "latin_1"),
        (POLISH + THAI, "utf-8", "utf-8"),
        ("Łódź\n", "cp1250", "cp1250"),
        ("สมชาย\n", "cp874", "cp874"),
    ],
)
def test_detects_the_encodings_crm_exports_come_in(text, encoding, expected):
    assert detect_encoding(text.encode(encoding)) == expected


def test_detects_utf8_with_bom():
    assert detect_encoding("\ufeffImię\n".encode()) == "utf-8-sig"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(POLISH, "cp1250"), (THAI, "cp874"), (WESTERN, "latin-1"), (POLISH, "utf-8-sig")],
)
def test_csv_rows_read_back_exactly(tmp_path, text, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(text.encode(encoding))

    with open_tabular(path) as table:
        rows = list(table.rows())

    header, first = text.splitlines()[:2]
    separator = ";" if ";" in header else ","
    assert table.headers == header.split(separator)
    assert rows[0] == (2, dict(zip(header.split(separator), first.split(separator), strict=True)))
    assert len(rows) == 2


def test_xlsx_rows_read_with_line_numbers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["名", "姓", "メール"])
    sheet.append(["太郎", "山田", "taro@example.jp"])
    sheet.append([None, None, None])
    sheet.append(["محمد", "الحربي", None])
    workbook.save(tmp_path / "contacts.xlsx")

    with open_tabular(tmp_path / "contacts.xlsx") as table:
        rows = list(table.rows())

    assert rows == [
        (2, {"名": "太郎", "姓": "山田", "メール": "taro@example.jp"}),
        (4, {"名": "محمد", "姓": "الحربي", "メール": ""}),
    ]


def test_short_and_long_rows_are_padded_and_cut(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1\n1,2,3,4\n", encoding="utf-8")

    with open_tabular(path) as table:
        rows = [row for _line, row in table.rows()]

    assert rows == [{"a": "1", "b": "", "c": ""}, {"a": "1", "b": "2", "c": "3"}]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"PK\x03\x04broken", "XLSX")],
)
def test_unreadable_files_say_why(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(TabularError, match=message):
        open_tabular(path)


def test_missing_file_says_so(tmp_path):
    with pytest.raises(TabularError, match="No file"):
        open_tabular(tmp_path / "nope.csv")
