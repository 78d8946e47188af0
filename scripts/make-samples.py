#!/usr/bin/env python3
"""Write the sample inbox: realistic exports of five Kon Tum units, their unit
configurations, and a manifest of every deliberate defect.

Usage:
    python3 scripts/make-samples.py [--root REPO]

Writes (relative to the repository root):
    samples/inbox/<unit>/<export>     the exports, in each unit's own encoding and dialect
    pipelines/units/<unit>.json       one configuration per unit
    samples/defects.json              the manifest, for tests
    samples/DEFECTS.md                the same manifest, for people
    samples/README.md                 what the samples are

People, personal IDs, phone numbers, tax codes and measurements are invented.
Places and codes are real: commune codes and names come from
pipelines/catalogs/xa.csv, ethnic codes from dan-toc.csv.

Line numbers in the manifest are physical 1-based lines of the file as written
(title rows count; CRLF is one line end). For XML the line is the line of the
record's <LanDo start tag.

Standard library only; a fixed seed per unit; running it twice gives
byte-identical files. Before it finishes it reads every file back (decoding
cp1258, UTF-8 with and without BOM, UTF-16LE), checks the cell count of every
row and that each manifest line holds the value it names, and exits non-zero
if anything is off.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import random
import re
import sys
import unicodedata

SEED = "kdl-samples-2026"
# The expectations hold for any processing date in this window: the XML readings
# run to 2026-11-15 (exported 2026-11-20), and one birth date is 2027-09-14.
AS_OF_WINDOW = ("2026-11-20", "2027-09-13")
AS_OF_SUGGESTED = "2026-11-30"

# Default severities, copied from Sources/KhoCore/Model/FindingCatalog.swift.
SEVERITY = {
    "required": "error", "type-invalid": "error", "constraint-violated": "error",
    "code-unknown": "error", "code-retired": "error", "name-code-mismatch": "warning",
    "personal-id-legacy": "warning", "personal-id-mismatch": "warning",
    "tax-code-checksum": "warning", "phone-legacy": "warning", "email-invalid": "error",
    "duplicate-key": "error", "duplicate-across-units": "warning", "conflict-across-units": "warning", "date-in-future": "error",
    "personal-data-in-open-text": "warning", "formula-neutralized": "info",
}

# MARK: - Catalogs (read, so that the samples use real codes and names)

def fold(text):
    """Like TextKey.fold in KhoCore: no case, no diacritics, đ = d, punctuation = space."""
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch):
            continue
        if ch in "đĐ":
            ch = "d"
        out.append(ch.lower() if ch.isalnum() else " ")
    return " ".join("".join(out).split())


class Catalog:
    def __init__(self, path):
        with open(path, encoding="utf-8", newline="") as f:
            self.rows = list(csv.DictReader(f))

    def entries(self, code):
        return [r for r in self.rows if r["code"] == code]

    def entry_on(self, code, date):
        for r in self.entries(code):
            start = dt.date.fromisoformat(r["valid_from"]) if r["valid_from"] else dt.date.min
            end = dt.date.fromisoformat(r["valid_to"]) if r["valid_to"] else dt.date.max
            if start <= date <= end:
                return r
        return None

    def spellings(self, row):
        return [row["name"]] + [a for a in row["aliases"].split("|") if a]

    def name_matches(self, row, name):
        return fold(name) in {fold(s) for s in self.spellings(row)}


# MARK: - Text and encodings

CP1258_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_form(text):
    """Windows-1258 writes Vietnamese as a base letter (â ă ê ô ơ ư đ are single bytes) followed by a
    combining tone mark. Full NFD would also split off the circumflex, breve and horn, which cp1258
    cannot encode, so recompose those onto the base and keep only the five tones combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in d[1:] if m in CP1258_TONES)
        rest = "".join(m for m in d[1:] if m not in CP1258_TONES)
        out.append(unicodedata.normalize("NFC", d[0] + rest) + tones)
    return "".join(out)


def encode_cp1258(text):
    data = cp1258_form(text).encode("cp1258")
    if unicodedata.normalize("NFC", data.decode("cp1258")) != unicodedata.normalize("NFC", text):
        raise SystemExit(f"cp1258 round trip failed for {text!r}")
    return data


def ascii_fold(text):
    return "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
                   if not unicodedata.combining(c))


def vn(d):
    return d.strftime("%d/%m/%Y")


def group_vn(n):
    """1234567 -> '1.234.567' (Vietnamese thousands grouping)."""
    return f"{n:,}".replace(",", ".")


# MARK: - People

KINH_SUR = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lương", "Trương", "Cao"]
KINH_MID_M = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân"]
KINH_MID_F = ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ"]
KINH_M = ["Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Sơn", "Hải", "Long", "Phúc", "Khoa", "Quân", "Bảo",
          "Thắng", "Lực", "Tài", "Đạt", "Hiếu", "Trung", "Vinh", "Toàn", "Cường", "Kiên", "Lợi", "Tiến"]
KINH_F = ["Hoa", "Lan", "Mai", "Hương", "Thảo", "Linh", "Trang", "Hạnh", "Nhung", "Huyền", "Loan",
          "Yến", "Thủy", "Ngân", "Oanh", "Diệu", "Hằng", "Nga", "Liên", "Phượng", "Vân", "Tuyết"]
MUONG_SUR = ["Bùi", "Đinh", "Quách", "Hà", "Xa"]
HRE_SUR = ["Đinh", "Phạm"]
# Xơ Đăng, Ba Na, Giẻ Triêng, Rơ Măm: "A" before a man's name, "Y" before a woman's.
MIN_M = ["Thút", "Nhây", "Blong", "Kưr", "Đin", "Chiên", "Bới", "Dên", "Rin", "Thuân", "Nhơn", "Byưn",
         "Đêl", "Pút", "Hyưk", "Sang", "Tiêu", "Lưk", "Brôk", "Nguôl", "Pheo", "Khương", "Dũng", "Tâm",
         "Hải", "Phiu", "Hmôn", "Đrông", "Mớt", "Kheo", "Tuấn", "Quyết"]
MIN_F = ["Lan", "Hiên", "Blúp", "Nga", "Thiêm", "Nhía", "Hlin", "Xuân", "Mai", "Bích", "Dơ", "Glin",
         "Khuyên", "Hoa", "Ngọc", "Sương", "Phương", "Hnơ", "Bưp", "Nhâm", "Ra", "Thuyên", "Diên", "Kim",
         "Hờ", "Rớt", "Mỵ", "Duyên"]
GIARAI_SUR = ["Siu", "Rơ Mah", "Ksor", "Kpă", "Nay", "Rơ Châm"]
GIARAI_M = ["Pưn", "Hyơn", "Thuih", "Blơi", "Djuk", "Hlơm", "Tơng", "Ngơm"]
GIARAI_F = ["Hlin", "Thi", "Phâm", "Hnhon", "Nga", "Bliu", "Hiam", "Khuê"]

MOBILE_PREFIXES = ["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
                   "090", "093", "070", "079", "077", "076", "078", "091", "094", "088", "083", "084",
                   "085", "081", "082", "092", "056", "058"]
LEGACY_PREFIXES = ["0162", "0163", "0164", "0165", "0166", "0167", "0168", "0169", "0123", "0126", "0129"]

ETHNIC_NAME = {}          # code -> name, from dan-toc.csv
RELATION_NAME = {"01": "Chủ hộ", "02": "Vợ", "03": "Chồng", "04": "Con", "05": "Bố", "06": "Mẹ",
                 "07": "Ông", "08": "Bà", "09": "Cháu", "10": "Anh/chị/em"}


class IDs:
    """Personal IDs: province of birth registration, century-and-sex digit, two-digit year, six digits."""

    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    @staticmethod
    def century_sex_digit(birth, sex):
        century = (birth.year // 100) - 19          # 1900s -> 0, 2000s -> 1
        return str(century * 2 + (0 if sex == 1 else 1))

    def new(self, birth, sex, province="062"):
        while True:
            value = province + self.century_sex_digit(birth, sex) + f"{birth.year % 100:02d}" + \
                f"{self.rng.randrange(10**6):06d}"
            if value not in self.used:
                self.used.add(value)
                return value

    def legacy(self):
        while True:      # Kon Tum's old ID cards (CMND) were numbered 23xxxxxxx
            value = "23" + f"{self.rng.randrange(10**7):07d}"
            if value not in self.used:
                self.used.add(value)
                return value


def mobile(rng):
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**7):07d}"


def random_date(rng, start, end):
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def birth_in(rng, year):
    return random_date(rng, dt.date(year, 1, 1), dt.date(year, 12, 28))


class Namer:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def person(self, ethnic, sex, surname=None):
        """A name not yet used in this file (common names do repeat in real lists, but not this often)."""
        for _ in range(12):
            name = self._person(ethnic, sex, surname)
            if name not in self.used:
                break
        self.used.add(name)
        return name

    def _person(self, ethnic, sex, surname=None):
        r = self.rng
        if ethnic in ("01", "06"):                       # Kinh, Hoa
            sur = surname or r.choice(KINH_SUR)
            return f"{sur} {r.choice(KINH_MID_M if sex == 1 else KINH_MID_F)} {r.choice(KINH_M if sex == 1 else KINH_F)}"
        if ethnic == "04":                               # Mường
            sur = surname or r.choice(MUONG_SUR)
            return f"{sur} {'Văn' if sex == 1 else 'Thị'} {r.choice(KINH_M if sex == 1 else KINH_F)}"
        if ethnic == "18":                               # Hrê
            sur = surname or r.choice(HRE_SUR)
            return f"{sur} {'Văn' if sex == 1 else 'Thị'} {r.choice(MIN_M if sex == 1 else MIN_F)}"
        if ethnic == "10":                               # Gia Rai
            sur = surname or r.choice(GIARAI_SUR)
            return f"{sur} {r.choice(GIARAI_M if sex == 1 else GIARAI_F)}"
        if ethnic == "53":                               # Brâu
            return f"Thao {r.choice(MIN_M if sex == 1 else MIN_F)}"
        return f"{'A' if sex == 1 else 'Y'} {r.choice(MIN_M if sex == 1 else MIN_F)}"

    @staticmethod
    def surname(name, ethnic):
        if ethnic == "10":
            return "Rơ Mah" if name.startswith("Rơ Mah") else "Rơ Châm" if name.startswith("Rơ Châm") else name.split()[0]
        if ethnic in ("01", "06", "04", "18"):
            return name.split()[0]
        return None


def household(rng, ids, namer, spec, review):
    """Members of one household. `spec` keys: ethnic, size, head_age, head_sex, head_province,
    spouse_year, spouse_province, child (sex, age) forced first child, baby (a child under 2)."""
    ethnic = spec["ethnic"]
    year = review.year
    members = []

    def add(rel, sex, birth, name, province="062", phone=False):
        members.append({"rel": rel, "sex": sex, "birth": birth, "name": name, "ethnic": ethnic,
                        "id": ids.new(birth, sex, province), "phone": mobile(rng) if phone else ""})

    head_sex = spec.get("head_sex", 1)
    head_birth = birth_in(rng, spec.get("head_year") or year - (spec.get("head_age") or rng.randint(26, 62)))
    head_age = year - head_birth.year
    head_name = namer.person(ethnic, head_sex)
    add("01", head_sex, head_birth, head_name, spec.get("head_province", "062"), phone=rng.random() < 0.7)
    size = spec["size"]
    mother = None
    father_surname = namer.surname(head_name, ethnic) if head_sex == 1 else None
    if size >= 2 and spec.get("spouse", True):
        sex = 3 - head_sex
        spouse_year = spec.get("spouse_year") or \
            min(year - 18, head_birth.year + rng.randint(-2, 6) * (1 if sex == 2 else -1))
        birth = birth_in(rng, spouse_year)
        add("02" if sex == 2 else "03", sex, birth, namer.person(ethnic, sex),
            spec.get("spouse_province", "062"), phone=rng.random() < 0.2)
        mother = members[-1] if sex == 2 else members[0]
    elif head_sex == 2:
        mother = members[0]
    if father_surname is None and ethnic in ("01", "06", "04", "18"):
        father_surname = namer.surname(members[1]["name"], ethnic) if len(members) > 1 else rng.choice(KINH_SUR)
    if ethnic == "10" and mother is not None:            # Gia Rai children take the mother's clan name
        father_surname = namer.surname(mother["name"], ethnic)
    if spec.get("grandmother") and len(members) < size:
        birth = birth_in(rng, head_birth.year - rng.randint(20, 27))
        add("06", 2, birth, namer.person(ethnic, 2))
    mother_year = mother["birth"].year if mother else head_birth.year
    adults = len(members)
    taken = {m["name"] for m in members}
    child_years = []
    forced = list(spec.get("children", []))
    while len(members) < size:
        if forced:
            sex, age = forced.pop(0)
            cy = year - age
        else:
            sex = rng.choice((1, 2))
            low, high = mother_year + 18, min(year, mother_year + 42)
            if spec.get("baby") and not any(y >= year - 1 for y in child_years):
                low = high = year - rng.randint(0, 1)
            cy = rng.randint(low, max(low, high))
            if cy in child_years:
                cy = min(year, max(child_years) + 2)
        child_years.append(cy)
        birth = birth_in(rng, cy)
        if birth > review:
            birth = review - dt.timedelta(days=rng.randint(20, 200))
        rel = "09" if head_age >= 58 and cy >= year - 12 else "04"
        for _ in range(20):
            name = namer.person(ethnic, sex, father_surname)
            if name not in taken:
                break
        taken.add(name)
        add(rel, sex, birth, name, phone=(year - cy >= 18 and rng.random() < 0.25))
    members[adults:] = sorted(members[adults:], key=lambda x: x["birth"])   # lists go eldest first
    return members


# MARK: - Manifest

class Manifest:
    def __init__(self):
        self.files = []
        self.defects = []
        self.normalizations = []
        self.notes = []

    def defect(self, **entry):
        entry.setdefault("stage", "validate")
        entry["severity"] = SEVERITY[entry["code"]]
        entry["id"] = f"{entry['unit']}#{sum(1 for d in self.defects if d['unit'] == entry['unit']) + 1}"
        ordered = {k: entry[k] for k in ("id", "unit", "file", "line", "field", "column", "code", "severity",
                                         "stage", "value") if k in entry}
        ordered.update({k: v for k, v in entry.items() if k not in ordered})
        self.defects.append(ordered)

    def normalization(self, **entry):
        self.normalizations.append(entry)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def csv_text(rows, delimiter, newline):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        w.writerow(row)
    return buf.getvalue()


# MARK: - 1. UBND huyện Đắk Hà: ho-ngheo, Windows-1258, ';', CRLF, titles and signature block

DAK_HA_HEADER = ["STT", "Mã hộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số CCCD",
                 "Quan hệ với chủ hộ", "Xã/Phường/Thị trấn", "Mã xã", "Thôn/Tổ dân phố", "Số điện thoại",
                 "Phân loại hộ", "Ngày rà soát"]
DAK_HA_FIELDS = {"ma_ho": "Mã hộ", "ho_ten": "Họ và tên", "ngay_sinh": "Ngày sinh", "gioi_tinh": "Giới tính",
                 "ma_dan_toc": "Dân tộc", "so_dinh_danh": "Số CCCD", "quan_he_chu_ho": "Quan hệ với chủ hộ",
                 "ten_xa": "Xã/Phường/Thị trấn", "ma_xa": "Mã xã", "dia_chi": "Thôn/Tổ dân phố",
                 "so_dien_thoai": "Số điện thoại", "loai_ho": "Phân loại hộ", "ngay_cap_nhat": "Ngày rà soát"}


def vietnamese_alias(row):
    """The first alias written with Vietnamese letters (or the first alias, or the name)."""
    aliases = [a for a in row["aliases"].split("|") if a]
    return ([a for a in aliases if a != ascii_fold(a)] or aliases or [row["name"]])[0]


def commune_label(rng, xa, code, date):
    """The commune's name as a clerk types it: the full name, or a Vietnamese alias without the prefix."""
    row = xa.entry_on(code, date)
    vietnamese = [a for a in row["aliases"].split("|") if a and a != ascii_fold(a)]
    return row["name"] if rng.random() < 0.55 or not vietnamese else rng.choice(vietnamese[:2])


def thon_label(rng, xa, code, date):
    row = xa.entry_on(code, date)
    if row["type"] == "Thị trấn":
        return f"Tổ dân phố {rng.randint(1, 9)}"
    return f"Thôn {rng.randint(1, 12)}"


def make_dak_ha(root, xa, m, shared):
    rng = random.Random(SEED + "/ubnd-dak-ha")
    ids, namer = shared["ids"], Namer(rng)
    unit, file = "ubnd-dak-ha", "ho-ngheo-2024.csv"
    specs = [
        dict(code="23500", ethnic="01", cat="Cận nghèo", size=4, head_age=56, head_province="040",
             spouse_province="040"),
        dict(code="23512", ethnic="12", cat="Nghèo", size=5),
        dict(code="23506", ethnic="16", cat="Nghèo", size=5, head_age=34, baby=True),
        dict(code="23515", ethnic="12", cat="Nghèo", size=4, head_age=41),
        dict(code="23509", ethnic="16", cat="Nghèo", size=5, head_age=49, children=[(2, 21)]),
        dict(code="23503", ethnic="16", cat="Nghèo", size=3),
        dict(code="23524", ethnic="04", cat="Cận nghèo", size=4, head_year=1983, spouse_year=1985,
             head_province="017"),
        dict(code="23518", ethnic="12", cat="Nghèo", size=5, head_age=33),
        dict(code="23510", ethnic="16", cat="Cận nghèo", size=4, head_age=50, children=[(1, 23)]),
        dict(code="23504", ethnic="16", cat="Nghèo", size=3),
        dict(code="23521", ethnic="12", cat="Nghèo", size=4, head_age=45, spouse_year=1981),
        dict(code="23506", ethnic="01", cat="Cận nghèo", size=3, head_age=38, head_province="038"),
        dict(code="23512", ethnic="01", cat="Nghèo", size=2, head_year=1950, spouse_year=1953,
             spouse_province="052"),
        dict(code="23515", ethnic="10", cat="Nghèo", size=4, head_age=37),
        dict(code="23500", ethnic="16", cat="Cận nghèo", size=3, head_age=26, spouse=True, baby=True),
        dict(code="23518", ethnic="16", cat="Nghèo", size=5, head_age=36, baby=True),
    ]
    households = []
    used_codes = set()
    for spec in specs:
        review = random_date(rng, dt.date(2024, 11, 4), dt.date(2024, 12, 13))
        members = household(rng, ids, namer, spec, review)
        thon = thon_label(rng, xa, spec["code"], review)
        thon_number = int(re.sub(r"\D", "", thon))
        while True:
            ma_ho = f"{spec['code']}-{thon_number:02d}-{rng.randint(1, 180):03d}"
            if ma_ho not in used_codes:
                used_codes.add(ma_ho)
                break
        label = commune_label(rng, xa, spec["code"], review)
        for mem in members:
            mem.update(ma_ho=ma_ho, code=spec["code"], xa=label, thon=thon, cat=spec["cat"], review=review)
        households.append(members)

    # Once only: the daughter of household 4 married into household 14 and is listed in both.
    daughter = next(x for x in households[4] if x["rel"] == "04" and x["sex"] == 2 and x["birth"].year == 2003)
    wife = households[14][1]
    assert wife["rel"] == "02"
    for k in ("name", "birth", "sex", "ethnic", "id"):
        wife[k] = daughter[k]
    wife["phone"] = ""
    # The son of household 8 who moved to Kon Rẫy (appears there too: conflict-across-units).
    mover = next(x for x in households[8] if x["rel"] == "04" and x["sex"] == 1 and x["birth"].year == 2001)
    mover["phone"] = ""
    shared["mover"] = mover

    rows = [m for h in households for m in h]
    title = [["UBND HUYỆN ĐẮK HÀ"], ["PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
             ["DANH SÁCH THÀNH VIÊN HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024"], []]
    first_data_line = len(title) + 2

    def cells(i, x):
        return [str(i + 1), x["ma_ho"], x["name"], x["birth_text"] if "birth_text" in x else vn(x["birth"]),
                "Nam" if x["sex"] == 1 else "Nữ", ETHNIC_NAME[x["ethnic"]], x["id"], RELATION_NAME[x["rel"]],
                x["xa"], x["code"], x["thon"], x["phone"], x["cat"], vn(x["review"])]

    def line_of(x):
        return first_data_line + rows.index(x)

    def where(hh, pick):
        x = households[hh][pick] if isinstance(pick, int) else next(y for y in households[hh] if pick(y))
        return x

    defects = []   # (member, field, code, note, extra) - values filled after the cells are final

    x = where(11, 1)                                   # typo: 23505 for 23506
    x["code"] = "23505"
    defects.append((x, "ma_xa", "code-unknown", "Typo of 23506 (Xã Đắk HRing); no commune has code 23505.", {}))
    x = where(9, 2)
    x["code"] = "23999"
    defects.append((x, "ma_xa", "code-unknown", "23999 is not a commune code of any period.", {}))
    defects.append((wife, "so_dinh_danh", "duplicate-key",
                    "The same woman is listed as a daughter (Con) of household "
                    f"{daughter['ma_ho']} and as the wife (Vợ) in household {wife['ma_ho']}; same name, "
                    "birth date and personal ID. The finding belongs to the second occurrence.",
                    {"firstLine": None, "_first": daughter}))
    x = where(7, lambda y: y["rel"] == "04")
    x["name"] = ""
    defects.append((x, "ho_ten", "required", "Empty name.", {}))
    x = where(1, 3)
    x["ma_ho"] = ""
    defects.append((x, "ma_ho", "required",
                    "Household code left blank (a merged cell in the source workbook); the other members "
                    "of the household carry it.", {}))
    x = where(6, 1)
    assert x["birth"].year == 1985
    x["birth_text"] = "31/02/1985"
    defects.append((x, "ngay_sinh", "type-invalid", "31 February does not exist.", {}))
    x = where(3, 0)
    x["phone"] = "0166" + f"{rng.randrange(10**7):07d}"
    defects.append((x, "so_dien_thoai", "phone-legacy",
                    "Old 11-digit Viettel number (0166 became 036 in 2018).",
                    {"normalized": "036" + x["phone"][4:]}))
    x = where(10, 1)
    assert x["sex"] == 2 and x["birth"].year < 2000
    x["id"] = x["id"][:3] + "0" + x["id"][4:]
    defects.append((x, "so_dinh_danh", "personal-id-mismatch",
                    "Recorded Nữ, born in the 1900s, but the 4th digit is 0 (male, 1900s); 1 was expected.", {}))
    x = where(12, 0)
    ids.used.discard(x["id"])
    x["id"] = ids.legacy()
    defects.append((x, "so_dinh_danh", "personal-id-legacy", "Old 9-digit ID card (CMND) number.", {}))
    x = where(2, lambda y: y["rel"] == "04" and y["birth"].year >= 2023)
    x["review"] = dt.date(2025, 8, 15)
    defects.append((x, "ma_xa", "code-retired",
                    "Re-reviewed on 15/08/2025, when 23506 (Xã Đắk HRing) no longer existed; its successor "
                    "is 23512 (Xã Đăk Mar).", {"successor": "23512"}))
    x = where(13, 2)
    x["xa"] = "Xã Ngok Réo"
    defects.append((x, "ten_xa", "name-code-mismatch",
                    "Code 23515 is Xã Ngok Wang; the name is the neighbouring Xã Ngok Réo (23518).", {}))
    x = where(15, lambda y: y["rel"] == "04" and y["birth"].year >= 2023)
    x["birth"] = dt.date(2027, 9, 14)
    ids.used.discard(x["id"])
    x["id"] = ids.new(x["birth"], x["sex"])
    defects.append((x, "ngay_sinh", "date-in-future",
                    "Birth date in 2027 (the personal ID was written to agree with it, so only the date is wrong).",
                    {}))

    data = [cells(i, x) for i, x in enumerate(rows)]
    width = len(DAK_HA_HEADER)
    n_households = len({x["ma_ho"] for x in rows if x["ma_ho"]})
    total = ["Tổng cộng", "", f"{len(rows)} người"] + [""] * 9 + [f"{len(households)} hộ", ""]
    sign_date = "Đắk Hà, ngày 20 tháng 12 năm 2024"
    signature = [[""] * width,
                 [""] * 8 + [sign_date] + [""] * 5,
                 ["Người lập biểu"] + [""] * 7 + ["Trưởng phòng"] + [""] * 5,
                 [""] * width, [""] * width,
                 ["Lương Thị Thu Hà"] + [""] * 7 + ["Trần Văn Bình"] + [""] * 5]
    table = [pad(r, width) for r in title] + [DAK_HA_HEADER] + data + [total] + signature
    text = csv_text(table, ";", "\r\n")
    path = os.path.join(root, "samples", "inbox", unit, file)
    write_bytes(path, encode_cp1258(text))

    header_line = len(title) + 1
    total_line = first_data_line + len(rows)
    m.files.append({
        "unit": unit, "file": file, "dataset": "ho-ngheo", "format": "csv", "encoding": "windows-1258",
        "encodingNote": "tone marks written as combining characters after the base letter (â ă ê ô ơ ư đ are "
                        "single bytes); decode, then NFC",
        "bom": False, "delimiter": ";", "lineEnd": "CRLF", "quotedCells": False,
        "titleLines": [1, 2, 3], "blankLines": [4] + [total_line + 1, total_line + 4, total_line + 5],
        "headerLine": header_line, "firstDataLine": first_data_line, "lastDataLine": total_line - 1,
        "records": len(rows), "households": len(households), "householdCodes": n_households,
        "totalsLine": total_line, "trailerLines": list(range(total_line + 1, total_line + 7)),
        "physicalLines": len(table), "unmappedColumns": ["STT"], "missingFields": ["nam_ra_soat", "ghi_chu"],
        "conventions": [
            "gioi_tinh written as names (Nam/Nữ), ma_dan_toc as ethnic names (Xơ Đăng, Ba Na, Kinh, Mường, "
            "Gia Rai), quan_he_chu_ho as names (Chủ hộ, Vợ, Con, Cháu…), loai_ho as Nghèo/Cận nghèo: "
            "names where codes belong (code-from-name, not listed as defects).",
            "Dates dd/MM/yyyy. Commune names sometimes with the type prefix (Xã Đắk Mar), sometimes without "
            "(Đăk Mar, Ngọk Wang): all are names or aliases of the code's catalog row.",
            "Every row, titles and signature block included, has 14 cells (Excel pads the used range).",
        ],
    })
    for x, field, code, note, extra in defects:
        extra = dict(extra)
        first = extra.pop("_first", None)
        if first is not None:
            extra["firstLine"] = line_of(first)
        value = data[rows.index(x)][DAK_HA_HEADER.index(DAK_HA_FIELDS[field])]
        m.defect(unit=unit, file=file, line=line_of(x), field=field, column=DAK_HA_FIELDS[field], code=code,
                 value=value, note=note, **extra)
    shared["dak_ha"] = {"rows": rows, "line_of": line_of, "file": file}
    return path


def pad(row, width):
    return list(row) + [""] * (width - len(row))


# MARK: - 2. UBND huyện Kon Rẫy: ho-ngheo, UTF-8 no BOM, ',', LF, ASCII headers, codes

KON_RAY_HEADER = ["MA_HO", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "MA_DAN_TOC", "SO_DINH_DANH", "QUAN_HE", "MA_XA",
                  "TEN_XA", "DIA_CHI", "DIEN_THOAI", "LOAI_HO", "NAM_RA_SOAT", "NGAY_CAP_NHAT"]
KON_RAY_FIELDS = {"ma_ho": "MA_HO", "ho_ten": "HO_TEN", "ngay_sinh": "NGAY_SINH", "gioi_tinh": "GIOI_TINH",
                  "ma_dan_toc": "MA_DAN_TOC", "so_dinh_danh": "SO_DINH_DANH", "quan_he_chu_ho": "QUAN_HE",
                  "ma_xa": "MA_XA", "ten_xa": "TEN_XA", "dia_chi": "DIA_CHI", "so_dien_thoai": "DIEN_THOAI",
                  "loai_ho": "LOAI_HO", "nam_ra_soat": "NAM_RA_SOAT", "ngay_cap_nhat": "NGAY_CAP_NHAT"}


def make_kon_ray(root, xa, m, shared):
    rng = random.Random(SEED + "/ubnd-kon-ray")
    ids, namer = shared["ids"], Namer(rng)
    namer.used.add(shared["mover"]["name"])     # he appears below; nobody else carries his name
    unit, file = "ubnd-kon-ray", "ho-ngheo-kon-ray-2024.csv"
    specs = [
        dict(code="23479", ethnic="01", cat="2", size=4, head_age=39, spouse_year=1988),
        dict(code="23482", ethnic="12", cat="1", size=5),
        dict(code="23485", ethnic="12", cat="1", size=4, head_age=44),
        dict(code="23488", ethnic="12", cat="1", size=3),
        dict(code="23491", ethnic="16", cat="1", size=5, grandmother=True, head_age=35),
        dict(code="23494", ethnic="12", cat="2", size=4),
        dict(code="23497", ethnic="01", cat="1", size=3, head_age=61, head_province="049"),
        dict(code="23488", ethnic="16", cat="2", size=3, head_age=23, baby=True),
        dict(code="23482", ethnic="12", cat="1", size=4),
        dict(code="23479", ethnic="12", cat="2", size=3),
        dict(code="23485", ethnic="16", cat="1", size=4, head_age=52),
    ]
    households = []
    for n, spec in enumerate(specs):
        review = random_date(rng, dt.date(2024, 11, 11), dt.date(2024, 12, 20))
        members = household(rng, ids, namer, spec, review)
        row = xa.entry_on(spec["code"], review)
        short = row["name"].split(" ", 1)[1] if row["type"] == "Xã" else row["name"].split(" ", 2)[2]
        thon = (f"Tổ dân phố {rng.randint(1, 6)}, thị trấn {short}" if row["type"] == "Thị trấn"
                else f"Thôn {rng.randint(1, 10)}, xã {short}")
        ma_ho = f"{spec['code']}{n * 7 + rng.randint(1, 6):04d}"
        for mem in members:
            mem.update(ma_ho=ma_ho, code=spec["code"], xa=row["name"], thon=thon, cat=spec["cat"], review=review)
        households.append(members)

    # The young man from Đắk Hà (household 8 there) now heads household 7 here, same personal ID.
    mover = shared["mover"]
    head = households[7][0]
    for k in ("name", "birth", "sex", "ethnic", "id"):
        head[k] = mover[k]
    assert head["ethnic"] == "16"
    # Household 0: the wife is Hoa (06); the clerk typed 6 and the spreadsheet kept it as a number.
    wife = households[0][1]
    ids.used.discard(wife["id"])
    wife.update(ethnic="06", name="Lâm Thị Mỹ Linh")
    wife["id"] = ids.new(wife["birth"], wife["sex"])
    rows = [x for h in households for x in h]

    def cells(x):
        return [x["ma_ho"], x["name"], x["birth"].isoformat(), str(x["sex"]), x.get("ethnic_text", x["ethnic"]),
                x["id"], x["rel"], x["code"], x["xa"], x["thon"], x["phone"], x["cat"], "2024",
                x["review"].isoformat()]

    wife["ethnic_text"] = "6"
    households[2][0]["phone"] = "+84 905 123 456"
    data = [cells(x) for x in rows]
    text = csv_text([KON_RAY_HEADER] + data, ",", "\n")
    path = os.path.join(root, "samples", "inbox", unit, file)
    write_bytes(path, text.encode("utf-8"))

    def line_of(x):
        return 2 + rows.index(x)

    m.files.append({
        "unit": unit, "file": file, "dataset": "ho-ngheo", "format": "csv", "encoding": "utf-8", "bom": False,
        "delimiter": ",", "lineEnd": "LF", "quotedCells": True, "headerLine": 1, "firstDataLine": 2,
        "lastDataLine": 1 + len(rows), "records": len(rows), "households": len(households),
        "physicalLines": 1 + len(rows), "unmappedColumns": [], "missingFields": ["ghi_chu"],
        "conventions": [
            "Codes as codes: GIOI_TINH 1/2, MA_DAN_TOC 2008 codes (16 Xơ Đăng, 12 Ba Na, 01 Kinh), "
            "QUAN_HE 01…, LOAI_HO 1/2. ISO dates. DIA_CHI holds commas, so it is quoted.",
        ],
    })
    m.normalization(unit=unit, file=file, line=line_of(wife), field="ma_dan_toc", column="MA_DAN_TOC",
                    value="6", normalized="06", rule="code-padding",
                    note="Excel dropped the leading zero; 06 is Hoa. Not a defect.")
    x = households[2][0]
    m.normalization(unit=unit, file=file, line=line_of(x), field="so_dien_thoai", column="DIEN_THOAI",
                    value="+84 905 123 456", normalized="0905123456", rule="phone-international",
                    note="+84 means 0; spaces removed. Not a defect.")
    dak = shared["dak_ha"]
    m.defect(unit="ubnd-dak-ha", file=dak["file"], line=dak["line_of"](mover), field="so_dinh_danh", column="Số CCCD",
             code="conflict-across-units", stage="bundle", value=head["id"],
             other={"unit": unit, "file": file, "line": line_of(head), "column": "SO_DINH_DANH"},
             note="The same man (same name, birth date and personal ID) is a son (Con) in a household of "
                  "the Đắk Hà list (reviewed 2024-11-26) and head (Chủ hộ) of a new household in Kon Rẫy "
                  "(updated 2024-12-01). No per-file finding in either unit; found when ho-ngheo is bundled "
                  "across units. The two versions differ (household, relation, commune, address), so it is a "
                  "conflict: by ho-ngheo's rule, the newest ngay_cap_nhat, Kon Rẫy's version goes into the "
                  "table and Đắk Hà's is set aside with the finding; both are listed in the shared bundle's "
                  "data/conflicts.csv. With \"conflictRule\": \"first-unit\", Đắk Hà's (the unit first by "
                  "id) would be kept instead.")
    return path


# MARK: - 3. Sở Giáo dục và Đào tạo: co-so-giao-duc, UTF-8 with BOM, ',', CRLF

SCHOOL_HEADER = ["Mã trường", "Tên trường", "Cấp học", "Loại hình", "Mã xã", "Xã/Phường", "Địa chỉ", "Điện thoại",
                 "Email", "Số lớp", "Số học sinh", "Số giáo viên", "Vĩ độ", "Kinh độ", "Năm thành lập",
                 "Ngày cập nhật"]
SCHOOL_FIELDS = {"ma_truong": "Mã trường", "ten_co_so": "Tên trường", "cap_hoc": "Cấp học",
                 "loai_hinh": "Loại hình", "ma_xa": "Mã xã", "ten_xa": "Xã/Phường", "dia_chi": "Địa chỉ",
                 "so_dien_thoai": "Điện thoại", "email": "Email", "so_lop": "Số lớp",
                 "so_hoc_sinh": "Số học sinh", "so_giao_vien": "Số giáo viên", "vi_do": "Vĩ độ",
                 "kinh_do": "Kinh độ", "nam_thanh_lap": "Năm thành lập", "ngay_cap_nhat": "Ngày cập nhật"}

# Approximate centres (WGS 84) of the communes used; schools are placed within ~1.5 km.
COMMUNE_CENTRE = {
    "23281": (14.3545, 108.0077), "23284": (14.3672, 107.9968), "23287": (14.3541, 107.9995),
    "23290": (14.3420, 108.0210), "23293": (14.3610, 108.0150), "23296": (14.3460, 107.9880),
    "23299": (14.3720, 108.0090), "23302": (14.3380, 108.0010), "23305": (14.3300, 108.0150),
    "23308": (14.3480, 108.0120), "23311": (14.3950, 107.9650), "23338": (14.3310, 108.0620),
    "23341": (15.0960, 107.7350), "23365": (15.0600, 107.9300), "23377": (14.6990, 107.6890),
    "23395": (14.7200, 107.6050), "23401": (14.6960, 107.8320), "23437": (14.6700, 107.7950),
    "23425": (14.8900, 107.9500), "23452": (14.7200, 108.3300), "23473": (14.6020, 108.2830),
    "23479": (14.4950, 108.2320), "23488": (14.4650, 108.1450), "23500": (14.5150, 107.9330),
    "23512": (14.4980, 107.9710), "23521": (14.4790, 107.9020), "23524": (14.4530, 107.9340),
    "23527": (14.4170, 107.7980), "23536": (14.2000, 107.6200), "23538": (14.1900, 107.5400),
    "23535": (14.1000, 107.4800),
}

SCHOOLS = [
    # name, level as written, ownership, commune, district, founded, size class, address
    ("Trường THPT chuyên Nguyễn Tất Thành", "THPT", "Công lập", "23290", "608", 2002, "thpt", "Số 2 đường Hoàng Thị Loan"),
    ("Trường PTDTNT tỉnh Kon Tum", "THPT", "Công lập", "23299", "608", 1976, "thpt-small", "Số 69 đường Đặng Tiến Đông"),
    ("Trường THPT Kon Tum", "Trung học phổ thông", "Công lập", "23281", "608", 1975, "thpt", "Số 126 đường Phan Đình Phùng"),
    ("Trường THPT Lê Lợi", "THPT", "Công lập", "23302", "608", 1994, "thpt", "Số 9 đường Lê Lợi"),
    ("Trường THPT Duy Tân", "THPT", "Công lập", "23284", "608", 2005, "thpt", "Đường Trần Văn Hai, tổ 5"),
    ("Trường THCS Nguyễn Huệ", "THCS", "Công lập", "23293", "608", 1985, "thcs", "Số 54 đường Nguyễn Huệ"),
    ("Trường THCS Lê Quý Đôn", "Trung học cơ sở", "Công lập", "23287", "608", 1990, "thcs", "Số 21 đường Bà Triệu"),
    ("Trường Tiểu học Lê Lợi", "TH", "Công lập", "23302", "608", 1978, "th", "Số 31 đường Lê Lợi"),
    ("Trường Tiểu học Nguyễn Văn Trỗi", "Tiểu học", "Công lập", "23308", "608", 1980, "th", "Số 88 đường Trần Hưng Đạo"),
    ("Trường Tiểu học Đắk Cấm", "TH", "Công lập", "23311", "608", 1996, "th-small", "Thôn 3"),
    ("Trường Mầm non Hoa Hồng", "MN", "Công lập", "23290", "608", 1998, "mn", "Số 15 đường Trường Chinh"),
    ("Trường Mầm non Hoa Sen", "Mầm non", "Công lập", "23296", "608", 2001, "mn", "Tổ 4, đường Ngô Mây"),
    ("Trường Mầm non tư thục Hoa Mai", "MN", "Tư thục", "23305", "608", 2015, "mn-small", "Số 7 đường Nguyễn Trãi"),
    ("Trường TH, THCS và THPT Ngôi Sao Kon Tum", "Liên cấp", "Tư thục", "23338", "608", 2018, "th-thcs", "Thôn 2"),
    ("Trung tâm GDNN-GDTX thành phố Kon Tum", "GDTX", "Công lập", "23293", "608", 1992, "gdtx", "Số 40 đường Phan Chu Trinh"),
    ("Trường THPT Trần Quốc Tuấn", "THPT", "Công lập", "23500", "615", 1983, "thpt", "Tổ dân phố 5, đường Hùng Vương"),
    ("Trường TH-THCS Đắk La", "TH-THCS", "Công lập", "23524", "615", 2010, "th-thcs", "Thôn 1A"),
    ("Trường Mầm non Đắk Mar", "MN", "Công lập", "23512", "615", 1999, "mn", "Thôn 3"),
    ("Trường Tiểu học Hà Mòn", "Tiểu học", "Công lập", "23521", "615", 1985, "th-small", "Thôn 5"),
    ("Trung tâm GDNN-GDTX huyện Đắk Hà", "TTGDNN-GDTX", "Công lập", "23500", "615", 1995, "gdtx", "Tổ dân phố 8"),
    ("Trường THPT Nguyễn Văn Cừ", "THPT", "Công lập", "23401", "612", 1986, "thpt-small", "Khối 4, thị trấn Đắk Tô"),
    ("Trường Tiểu học Tân Cảnh", "TH", "Công lập", "23437", "612", 1979, "th-small", "Thôn 2"),
    ("Trường THPT Nguyễn Trãi", "THPT", "Công lập", "23377", "611", 1992, "thpt-small", "Tổ dân phố 3, thị trấn Plei Kần"),
    ("Trường PTDTBT TH Bờ Y", "TH", "Công lập", "23395", "611", 1997, "th-small", "Làng Đắk Mế"),
    ("Trường PTDTNT Đăk Glei", "THCS", "Công lập", "23341", "610", 1993, "thcs-small", "Tổ dân phố 6, thị trấn Đắk Glei"),
    ("Trường PTDTBT TH&THCS Ngọc Linh", "TH&THCS", "Công lập", "23365", "610", 2006, "th-thcs", "Thôn 4"),
    ("Trường Mầm non Măng Đen", "MN", "Công lập", "23473", "613", 2003, "mn", "Tổ dân phố 2, thị trấn Măng Đen"),
    ("Trường PTDTBT TH&THCS Đắk Nên", "TH-THCS", "Công lập", "23452", "613", 2004, "th-thcs", "Thôn 3"),
    ("Trường THPT Chu Văn An", "Cấp 3", "Công lập", "23479", "614", 1998, "thpt-small", "Tổ dân phố 1, thị trấn Đắk Rve"),
    ("Trường Mầm non Đắk Ruồng", "Mẫu giáo", "Công lập", "23488", "614", 2000, "mn", "Thôn 9"),
    ("Trường THPT Quang Trung", "THPT", "Công lập", "23527", "616", 1987, "thpt", "Tổ dân phố 4, thị trấn Sa Thầy"),
    ("Trường Tiểu học Mô Rai", "TH", "Công lập", "23536", "616", 2001, "th-small", "Làng Le"),
    ("Trường PTDTNT Tu Mơ Rông", "THCS", "Công lập", "23425", "617", 2007, "thcs-small", "Thôn 2"),
    ("Trường TH-THCS Ia Tơi", "TH-THCS", "Công lập", "23538", "618", 2016, "th-thcs", "Thôn 1"),
    ("Trường Mầm non Ia Đal", "MN", "Công lập", "23535", "618", 2017, "mn-small", "Thôn 4"),
]

PRIVATE_SCHOOL_EMAIL = {"Trường Mầm non tư thục Hoa Mai": "mnhoamai.kontum@gmail.com",
                        "Trường TH, THCS và THPT Ngôi Sao Kon Tum": "ngoisaokontum.school@gmail.com"}

SIZE = {  # classes, students, teachers
    "thpt": ((28, 40), (1050, 1560), (62, 92)), "thpt-small": ((15, 24), (560, 980), (38, 58)),
    "thcs": ((18, 26), (700, 1080), (38, 55)), "thcs-small": ((8, 12), (260, 420), (22, 32)),
    "th": ((22, 32), (760, 1120), (32, 48)), "th-small": ((10, 18), (230, 480), (15, 26)),
    "mn": ((8, 14), (210, 420), (16, 30)), "mn-small": ((4, 7), (90, 170), (8, 14)),
    "th-thcs": ((16, 24), (420, 720), (30, 45)), "gdtx": ((8, 14), (280, 520), (18, 30)),
}


def school_email(name, rng):
    short = ascii_fold(name).lower()
    for prefix, code in (("truong trung hoc pho thong", "thpt"), ("truong ", ""), ("trung tam ", "tt")):
        if short.startswith(prefix):
            short = code + short[len(prefix):]
    short = short.replace("tieu hoc", "th").replace("mam non", "mn").replace("thanh pho", "tp")
    short = re.sub(r"[^a-z0-9]", "", re.sub(r"\bhuyen\b", "", short))
    return short[:28] + "@kontum.edu.vn"


def make_schools(root, xa, m, shared):
    rng = random.Random(SEED + "/so-gddt")
    unit, file = "so-gddt", "co-so-giao-duc.csv"
    data, info = [], []
    seq = {}
    for name, level, kind, code, district, founded, size, address in SCHOOLS:
        seq[district] = seq.get(district, 0) + rng.randint(1, 9)
        ma = f"62{district}{seq[district]:03d}"
        date = random_date(rng, dt.date(2025, 1, 6), dt.date(2025, 6, 27))
        row = xa.entry_on(code, date)
        label = row["name"] if rng.random() < 0.6 else vietnamese_alias(row)
        (c1, c2), (s1, s2), (t1, t2) = SIZE[size]
        classes, students, teachers = rng.randint(c1, c2), rng.randint(s1, s2), rng.randint(t1, t2)
        students_text = group_vn(students) if students >= 1000 and rng.random() < 0.75 else str(students)
        lat0, lon0 = COMMUNE_CENTRE[code]
        lat = f"{lat0 + rng.uniform(-0.012, 0.012):.6f}"
        lon = f"{lon0 + rng.uniform(-0.012, 0.012):.6f}"
        phone = "0260" + rng.choice("3") + f"{rng.randrange(10**6):06d}" if rng.random() < 0.8 else mobile(rng)
        email = PRIVATE_SCHOOL_EMAIL.get(name) or school_email(name, rng)
        data.append([ma, name, level, kind, code, label, address, phone, email, str(classes), students_text,
                     str(teachers), lat, lon, str(founded), vn(date)])
        info.append({"students": students, "text": students_text})

    def index(name):
        return next(i for i, r in enumerate(data) if r[1] == name)

    def line(i):
        return 2 + i

    col = SCHOOL_HEADER.index
    defects = []
    i = index("Trường TH, THCS và THPT Ngôi Sao Kon Tum")
    defects.append((i, "cap_hoc", "code-unknown",
                    "\"Liên cấp\" names no level in cap-hoc.csv (a school teaching TH, THCS and THPT has no "
                    "row; Liên cấp alone is ambiguous and deliberately not an alias)."))
    i = index("Trường Tiểu học Tân Cảnh")
    data[i][col("Số giáo viên")] = "-" + data[i][col("Số giáo viên")]
    defects.append((i, "so_giao_vien", "constraint-violated", "Negative number of teachers (minimum 0)."))
    i = index("Trường Mầm non Măng Đen")
    first = index("Trường Mầm non Hoa Sen")
    data[i][col("Mã trường")] = data[first][col("Mã trường")]
    defects.append((i, "ma_truong", "duplicate-key",
                    "Mã trường copied from Trường Mầm non Hoa Sen (a different school) - primary key repeated."))
    first_line = line(first)
    i = index("Trường THCS Nguyễn Huệ")
    data[i][col("Email")] = data[i][col("Email")].replace("@", ".")
    defects.append((i, "email", "email-invalid", "No @ in the address."))

    text = csv_text([SCHOOL_HEADER] + data, ",", "\r\n")
    path = os.path.join(root, "samples", "inbox", unit, file)
    write_bytes(path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    m.files.append({
        "unit": unit, "file": file, "dataset": "co-so-giao-duc", "format": "csv", "encoding": "utf-8",
        "bom": True, "delimiter": ",", "lineEnd": "CRLF", "quotedCells": True, "headerLine": 1,
        "firstDataLine": 2, "lastDataLine": 1 + len(data), "records": len(data), "physicalLines": 1 + len(data),
        "unmappedColumns": [], "missingFields": [],
        "conventions": [
            "Cấp học written as codes (MN, TH, THCS, THPT, TH-THCS, GDTX) or as names and aliases (Tiểu học, "
            "Trung học cơ sở, Cấp 3, Mẫu giáo, TH&THCS, TTGDNN-GDTX).",
            "Số học sinh of 1000 or more is usually written with a grouping dot (1.234 = 1234).",
            "Coordinates with a decimal point and six decimals; dates dd/MM/yyyy, all before 2025-06-30, so "
            "the old commune codes are valid. Trường PTDTNT Tu Mơ Rông is in 23425 Xã Đắk Hà (huyện Tu Mơ "
            "Rông), the code that names Xã Tu Mơ Rông from 2025-07-01: valid on the record's date.",
        ],
    })
    for i, field, code, note in defects:
        extra = {"firstLine": first_line} if code == "duplicate-key" else {}
        m.defect(unit=unit, file=file, line=line(i), field=field, column=SCHOOL_FIELDS[field], code=code,
                 value=data[i][col(SCHOOL_FIELDS[field])], note=note, **extra)
    for i, r in enumerate(data):
        if "." in r[col("Số học sinh")]:
            m.normalization(unit=unit, file=file, line=line(i), field="so_hoc_sinh", column="Số học sinh",
                            value=r[col("Số học sinh")], normalized=str(info[i]["students"]),
                            rule="number-grouping", note="Vietnamese thousands separator.")
    return path


# MARK: - 4. Sở Nông nghiệp và Môi trường: quan-trac-moi-truong, XML with a default namespace

STATIONS = [
    ("KT-NM-01", "Sông Đắk Bla - cầu Kon Klor", "23293"),
    ("KT-NM-02", "Sông Đắk Bla - đoạn qua xã Đăk Rve", "23479"),
    ("KT-NM-03", "Sông Pô Kô - đoạn qua xã Đăk Tô", "23401"),
    ("KT-NM-04", "Hồ thủy điện Ya Ly - khu vực xã Ya Ly", "23548"),
    ("KT-NM-05", "Hồ Đăk Uy - khu vực đập chính", "23510"),
]


def make_water(root, xa, m, shared):
    rng = random.Random(SEED + "/so-nnmt")
    unit, file = "so-nnmt", "quan-trac-nuoc-2026-q4.xml"
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Xuất từ phần mềm quản lý số liệu quan trắc; đơn vị đo theo QCVN 08:2023/BTNMT -->',
             '<DuLieuQuanTrac xmlns="urn:vn:kontum:quantrac" NgayXuat="2026-11-20">']
    readings = 0
    defects = []
    per_station = {}
    for s, (code, name, xa_code) in enumerate(STATIONS):
        assert xa.entry_on(xa_code, dt.date(2026, 10, 1)) is not None
        lines.append(f'  <Tram MaTram="{code}" TenTram="{name}" MaXa="{xa_code}">')
        count = rng.randint(10, 14)
        days = sorted(rng.sample(range((dt.date(2026, 11, 15) - dt.date(2026, 9, 1)).days + 1), count))
        records = []
        for k, day in enumerate(days):
            date = dt.date(2026, 9, 1) + dt.timedelta(days=day)
            t = dt.time(7 + rng.randint(0, 3), rng.choice((0, 15, 30, 45)))
            when = f"{date.isoformat()}T{t.strftime('%H:%M')}:00+07:00"
            rainy = date.month < 11 and rng.random() < 0.35
            lake = "Hồ" in name
            v = {
                "NhietDo": f"{rng.uniform(22.0, 28.5) - (1.5 if date.month == 11 else 0):.1f}",
                "pH": f"{rng.uniform(6.6, 7.8):.1f}",
                "DO": f"{rng.uniform(5.2, 7.6) - (0.6 if rainy else 0):.1f}",
                "TSS": str(rng.randint(45, 120) if rainy else rng.randint(6, 28) if lake else rng.randint(10, 40)),
                "COD": f"{rng.uniform(5.0, 14.0) + (4 if rainy else 0):.1f}",
                "BOD5": f"{rng.uniform(2.0, 6.0) + (1.5 if rainy else 0):.1f}",
                "Amoni": f"{rng.uniform(0.04, 0.30):.2f}",
            }
            note = None
            if rainy:
                note = ("cdata", rng.choice(["Mẫu lấy sau mưa lớn & nước đục",
                                             "Mưa lớn đêm trước, nước đục & chảy xiết"]))
            records.append({"when": when, "v": v, "note": note})
        per_station[code] = records
        for r in records:
            r["_attrs"] = f' ThoiGian="{r["when"]}"'
        # per-station defects and special cases
        if s == 1:
            r = records[6]
            r["_attrs"] = ""
            defects.append((r, "thoi_gian", "required", "The reading has no ThoiGian attribute.", ""))
        if s == 2:
            r = records[4]
            r["v"]["pH"] = "19"
            defects.append((r, "ph", "constraint-violated", "pH 19 is outside 0-14 (probably 7.9 mistyped).",
                            "19"))
        if s == 3:
            r = records[5]
            dup = {"when": r["when"], "v": dict(r["v"]), "note": r["note"], "_attrs": r["_attrs"], "dup_of": r}
            records.insert(6, dup)
            defects.append((dup, "thoi_gian", "duplicate-key",
                            "Same station and ThoiGian as the reading on the line before (exported twice).",
                            r["when"]))
        if s == 4:
            r = records[2]
            r["v"]["TSS"] = "n/a"
            r["note"] = ("cdata", "Hỏng máy lọc, không đo được TSS; đo lại kỳ sau")
            defects.append((r, "tss", "type-invalid", "\"n/a\" is not a number.", "n/a"))
            records[7]["note"] = ("text", "Lấy mẫu lặp (QA/QC) & mẫu trắng hiện trường")
        for r in records:
            body = "".join(f"<{key}>{val}</{key}>" for key, val in r["v"].items())
            if r["note"]:
                kind, text = r["note"]
                body += (f"<GhiChu><![CDATA[{text}]]></GhiChu>" if kind == "cdata"
                         else f"<GhiChu>{text.replace('&', '&amp;')}</GhiChu>")
            lines.append(f'    <LanDo{r["_attrs"]}>{body}</LanDo>')
            r["line"] = len(lines)
            readings += 1
        lines.append("  </Tram>")
    lines.append("</DuLieuQuanTrac>")
    text = "\n".join(lines) + "\n"
    path = os.path.join(root, "samples", "inbox", unit, file)
    write_bytes(path, text.encode("utf-8"))
    entity_lines = [r["line"] for rs in per_station.values() for r in rs if r["note"] and r["note"][0] == "text"]
    m.files.append({
        "unit": unit, "file": file, "dataset": "quan-trac-moi-truong", "format": "xml", "encoding": "utf-8",
        "bom": False, "lineEnd": "LF", "recordPath": "/DuLieuQuanTrac/Tram/LanDo",
        "namespace": "urn:vn:kontum:quantrac", "records": readings, "stations": len(STATIONS),
        "physicalLines": len(lines), "lineRule": "line of the <LanDo start tag; each reading is on one line",
        "unmappedColumns": ["../../@NgayXuat"], "missingFields": [],
        "conventions": [
            "Station attributes (../@MaTram, ../@TenTram, ../@MaXa) and @ThoiGian are mapped explicitly in "
            "pipelines/units/so-nnmt.json; child elements (NhietDo, pH, DO, TSS, COD, BOD5, Amoni, GhiChu) "
            "map by alias.",
            "Commune codes are the new ones (valid from 2025-07-01); 23293 is Phường Kon Tum, 23510 Xã Đăk Ui, "
            "23401 Xã Đăk Tô, 23548 Xã Ya Ly, 23479 Xã Đăk Rve.",
            "Most GhiChu are CDATA sections holding a literal '&'. The reading on line "
            + ", ".join(map(str, entity_lines)) + " has a plain-text GhiChu with the predefined entity "
            "&amp;: it must read as '&' and is not an entity-reference (xml-dtd-refused) finding.",
        ],
    })
    for r, field, code, note, value in defects:
        extra = {"firstLine": r["dup_of"]["line"]} if "dup_of" in r else {}
        if code == "duplicate-key":
            extra["key"] = ["ma_tram", "thoi_gian"]
        column = {"thoi_gian": "@ThoiGian", "ph": "pH", "tss": "TSS"}[field]
        m.defect(unit=unit, file=file, line=r["line"], field=field, column=column, code=code, value=value,
                 note=note, **extra)
    return path


# MARK: - 5. Sở Kế hoạch và Đầu tư: ho-kinh-doanh, UTF-16LE with BOM, TAB, CRLF (Excel "Unicode text")

HKD_HEADER = ["Số GCN ĐKHKD", "Tên hộ kinh doanh", "Họ tên chủ hộ", "Ngày sinh", "Giới tính", "Số CCCD",
              "Điện thoại", "Email", "Mã số thuế", "Ngành nghề", "Ngành nghề kinh doanh", "Địa điểm kinh doanh",
              "Mã xã", "Xã/Phường", "Vốn kinh doanh", "Số lao động", "Ngày cấp", "Tình trạng", "Ngày cập nhật"]
HKD_FIELDS = {"so_giay_chung_nhan": "Số GCN ĐKHKD", "ten_co_so": "Tên hộ kinh doanh", "ho_ten": "Họ tên chủ hộ",
              "ngay_sinh": "Ngày sinh", "gioi_tinh": "Giới tính", "so_dinh_danh": "Số CCCD",
              "so_dien_thoai": "Điện thoại", "email": "Email", "ma_so_thue": "Mã số thuế",
              "nganh_nghe": "Ngành nghề", "nganh_nghe_chi_tiet": "Ngành nghề kinh doanh",
              "dia_chi": "Địa điểm kinh doanh", "ma_xa": "Mã xã", "ten_xa": "Xã/Phường",
              "von_kinh_doanh": "Vốn kinh doanh", "so_lao_dong": "Số lao động", "ngay_cap_phep": "Ngày cấp",
              "tinh_trang_hoat_dong": "Tình trạng", "ngay_cap_nhat": "Ngày cập nhật"}

TRADES = [  # name prefix, VSIC section, activity, capital range (millions), workers
    ("Tạp hóa", "G", "Bán lẻ hàng tạp hóa, đồ uống, thuốc lá", (30, 150), (1, 2)),
    ("Quán cà phê", "I", "Dịch vụ ăn uống, cà phê giải khát", (50, 300), (2, 5)),
    ("Sửa xe", "G", "Sửa chữa, bảo dưỡng mô tô, xe máy; bán phụ tùng", (40, 120), (1, 3)),
    ("May mặc", "C", "May trang phục, sửa quần áo", (20, 80), (1, 4)),
    ("Salon tóc", "S", "Cắt tóc, làm đầu, gội đầu", (20, 60), (1, 3)),
    ("Quán cơm", "I", "Nhà hàng, quán ăn bình dân", (50, 200), (2, 6)),
    ("Nhà nghỉ", "I", "Dịch vụ lưu trú ngắn ngày", (800, 2500), (2, 6)),
    ("Vận tải", "H", "Vận tải hàng hóa bằng đường bộ", (300, 1200), (1, 3)),
    ("Cơ sở mộc", "C", "Sản xuất giường, tủ, bàn, ghế bằng gỗ", (100, 500), (2, 8)),
    ("Vật liệu xây dựng", "G", "Bán lẻ xi măng, gạch, sắt thép", (200, 900), (2, 5)),
    ("Rau sạch", "A", "Trồng rau, hoa; trồng cây dược liệu", (50, 250), (2, 6)),
    ("Homestay", "I", "Dịch vụ lưu trú ngắn ngày (homestay)", (500, 2000), (2, 5)),
    ("Điện thoại", "G", "Bán lẻ điện thoại, phụ kiện; sửa chữa điện thoại", (80, 400), (1, 3)),
    ("Photocopy", "N", "Photocopy, in ấn tài liệu", (30, 100), (1, 2)),
    ("Rang xay cà phê", "C", "Rang xay, chế biến cà phê bột", (100, 600), (2, 6)),
]
TRADE_NAMES = ["Minh Anh", "Hồng Nhung", "Tuấn Phát", "Gió Núi", "Phương Thảo", "Bảo Ngọc", "Thành Đạt",
               "Hoa Sữa", "Đại Ngàn", "An Khang", "Hưng Thịnh", "Sao Mai", "Kim Ngân", "Phú Quý", "Thiên Phúc",
               "Hải Yến", "Ngọc Linh", "Măng Đen", "Đồi Thông", "Tây Nguyên", "Hạnh Phúc", "Thu Hà", "Việt Tiến",
               "Kon Klor", "Bazan", "Trường Sơn", "Hòa Bình", "Như Ý", "Lộc Phát", "Tâm An", "Gia Huy", "Bình Minh"]
KT_STREETS = ["Trần Hưng Đạo", "Phan Đình Phùng", "Bà Triệu", "Lê Hồng Phong", "Nguyễn Huệ", "Trần Phú",
              "Hùng Vương", "Phan Chu Trinh", "Lê Lợi", "Ngô Quyền", "Đào Duy Từ", "Bạch Đằng", "Duy Tân",
              "Trường Chinh", "Nguyễn Trãi", "Lạc Long Quân"]
HKD_COMMUNES = ["23281", "23284", "23287", "23290", "23293", "23296", "23299", "23302", "23305", "23308",
                "23338", "23500", "23500", "23401", "23377", "23473", "23473", "23527", "23479", "23341"]
DISTRICT_INDEX = {"608": "01", "610": "02", "611": "03", "612": "04", "613": "05", "614": "06", "615": "07",
                  "616": "08", "617": "09", "618": "10"}
# Owners' peoples where they live (2008 codes): Brâu 53 and Giẻ Triêng 29 in Ngọc Hồi and Đắk Glei,
# Hrê 18 in Kon Plông, Rơ Măm 52 in Sa Thầy.
OWNER_ETHNIC = {"23377": ["53", "29"], "23473": ["18", "16"], "23341": ["29"], "23527": ["52", "10"],
                "23500": ["16", "12"], "23479": ["12"]}
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_check_digit(first9):
    r = sum(int(d) * w for d, w in zip(first9, TAX_WEIGHTS)) % 11
    return 10 - r


def tax_code(rng, used):
    while True:
        first9 = "61" + f"{rng.randrange(10**7):07d}"      # 61: Kon Tum's tax office prefix
        check = tax_check_digit(first9)
        if check == 10:
            continue
        code = first9 + str(check)
        if code not in used:
            used.add(code)
            return code


def tsv_text(rows):
    """Excel 'Unicode text': TAB between cells, CRLF, a cell quoted only when it holds a quote, TAB or line end."""
    out = []
    for row in rows:
        cells = []
        for c in row:
            if any(ch in c for ch in '"\t\r\n'):
                c = '"' + c.replace('"', '""') + '"'
            cells.append(c)
        out.append("\t".join(cells))
    return "\r\n".join(out) + "\r\n"


def make_businesses(root, xa, m, shared):
    rng = random.Random(SEED + "/so-khdt")
    ids, namer = shared["ids"], Namer(rng)
    unit, file = "so-khdt", "ho-kinh-doanh-2025.txt"
    used_tax, used_gcn = set(), set()
    data = []
    labels = rng.sample(TRADE_NAMES, 32)
    for n in range(32):
        code = HKD_COMMUNES[n % len(HKD_COMMUNES)]
        trade = TRADES[n % len(TRADES)] if n < 30 else TRADES[rng.randrange(len(TRADES))]
        if code == "23473" and trade[0] in ("Vận tải", "Cơ sở mộc"):
            trade = TRADES[11]
        prefix, section, activity, (c1, c2), (w1, w2) = trade
        ethnic = "01" if rng.random() < 0.7 else rng.choice(OWNER_ETHNIC.get(code, ["16", "12"]))
        sex = rng.choice((1, 2))
        birth = birth_in(rng, rng.randint(1962, 2001))
        owner = namer.person(ethnic, sex)
        province = rng.choice(["062"] * 8 + ["040", "051"])
        pid = ids.new(birth, sex, province)
        name = f"{prefix} {labels[n]}"
        if rng.random() < 0.3:
            name = "Hộ kinh doanh " + name
        issued = random_date(rng, dt.date(2024, 1, 3), dt.date(2025, 5, 20))
        updated = random_date(rng, max(issued + dt.timedelta(days=10), dt.date(2025, 1, 6)), dt.date(2025, 6, 27))
        row = xa.entry_on(code, updated)
        district = row["parent_code"]
        while True:
            gcn = f"{DISTRICT_INDEX[district]}A8{rng.randint(1, 9000):06d}"
            if gcn not in used_gcn:
                used_gcn.add(gcn)
                break
        if row["type"] == "Phường":
            address = f"Số {rng.randint(2, 320)} đường {rng.choice(KT_STREETS)}"
        elif row["type"] == "Thị trấn":
            address = f"Tổ dân phố {rng.randint(1, 9)}, {rng.choice(['Quốc lộ 14', 'Quốc lộ 24', 'đường Hùng Vương', 'đường Trần Hưng Đạo'])}" \
                if code not in ("23473",) else f"Tổ dân phố {rng.randint(1, 6)}, đường Hùng Vương"
        else:
            address = f"Thôn {rng.randint(1, 8)}"
        label_xa = row["name"] if rng.random() < 0.7 else vietnamese_alias(row)
        capital = rng.randint(c1 // 10, c2 // 10) * 10_000_000      # registered capital is a round sum
        email = ""
        if rng.random() < 0.45:
            email = re.sub(r"[^a-z0-9.]", "", ascii_fold(owner).lower().replace(" ", "")) + \
                rng.choice(["", str(birth.year % 100), "kt", "." + str(rng.randint(1, 99))]) + "@gmail.com"
        status = "Đang hoạt động" if rng.random() < 0.88 else rng.choice(["Tạm ngừng kinh doanh", "Tạm ngừng"])
        tax = tax_code(rng, used_tax) if rng.random() < 0.93 else ""
        data.append([gcn, name, owner, vn(birth), "Nam" if sex == 1 else "Nữ", pid, mobile(rng), email, tax,
                     section, activity, address, code, label_xa, group_vn(capital), str(rng.randint(w1, w2)),
                     vn(issued), status, vn(updated)])

    col = HKD_HEADER.index
    defects = []

    def pick(*preds):
        for pred in preds:
            for i, r in enumerate(data):
                if pred(r) and not any(d[0] == i for d in defects):
                    return i
        raise SystemExit("no row fits a defect")

    i = pick(lambda r: r[col("Mã số thuế")])
    t = data[i][col("Mã số thuế")]
    data[i][col("Mã số thuế")] = t[:9] + str((int(t[9]) + 3) % 10)
    defects.append((i, "ma_so_thue", "tax-code-checksum",
                    f"Check digit {data[i][col('Mã số thuế')][9]} written; {t[9]} is the computed one.",
                    {"expectedCheckDigit": t[9]}))
    i = pick(lambda r: r[col("Email")] and r[col("Ngành nghề")] == "G", lambda r: r[col("Email")])
    data[i][col("Email")] = data[i][col("Email")].replace("@gmail.com", "@gmail,com")
    defects.append((i, "email", "email-invalid", "Comma instead of a dot in the domain.", {}))
    i = pick(lambda r: r[col("Ngành nghề")] == "I")
    data[i][col("Điện thoại")] = "0169" + f"{rng.randrange(10**7):07d}"
    defects.append((i, "so_dien_thoai", "phone-legacy", "Old 11-digit Viettel number (0169 became 039).",
                    {"normalized": "039" + data[i][col("Điện thoại")][4:]}))
    i = pick(lambda r: r[col("Tên hộ kinh doanh")].endswith(tuple(TRADE_NAMES)) and "Tạp hóa" in r[1])
    data[i][col("Ngành nghề kinh doanh")] = "Bán tạp hóa, liên hệ 0935218476"
    defects.append((i, "nganh_nghe_chi_tiet", "personal-data-in-open-text",
                    "An open free-text field holds a phone number; the open bundle must mask it. No "
                    "validate-stage finding (the field is open text).", {"stage": "bundle"}))
    i = pick(lambda r: r[col("Ngành nghề")] == "I" and "cà phê" in r[1])
    data[i][col("Tên hộ kinh doanh")] = '=HYPERLINK("http://caphenui.vn")'
    defects.append((i, "ten_co_so", "formula-neutralized",
                    "The name would run as a spreadsheet formula; the open bundle must neutralize it. In the "
                    "file the cell is quoted (it holds quotes).", {"stage": "bundle"}))

    rows = [HKD_HEADER] + data
    text = tsv_text(rows)
    path = os.path.join(root, "samples", "inbox", unit, file)
    write_bytes(path, b"\xff\xfe" + text.encode("utf-16-le"))
    m.files.append({
        "unit": unit, "file": file, "dataset": "ho-kinh-doanh", "format": "csv", "encoding": "utf-16le",
        "bom": True, "delimiter": "\t", "lineEnd": "CRLF", "quotedCells": True, "headerLine": 1,
        "firstDataLine": 2, "lastDataLine": 1 + len(data), "records": len(data), "physicalLines": 1 + len(data),
        "unmappedColumns": [], "missingFields": [],
        "conventions": [
            "Vốn kinh doanh with Vietnamese grouping dots (50.000.000 = 50000000 đồng) on every row.",
            "Ngành nghề holds the VSIC 2018 section letter; Ngành nghề kinh doanh the free-text activity "
            "(nganh_nghe_chi_tiet, open).",
            "Tình trạng as names (Đang hoạt động, Tạm ngừng kinh doanh, Tạm ngừng). Dates dd/MM/yyyy, "
            "record dates 2025-01-06..2025-06-27, so the old commune codes are valid.",
            "Tax codes start with 61 (Kon Tum's tax office) and carry a valid check digit, except the one "
            "defect. Số GCN format (district index + A8 + 6 digits) is assumed, not checked.",
        ],
    })
    for i, field, code, note, extra in defects:
        extra = dict(extra)
        m.defect(unit=unit, file=file, line=2 + i, field=field, column=HKD_FIELDS[field], code=code,
                 value=data[i][col(HKD_FIELDS[field])], note=note, **extra)
    return path


# MARK: - Unit configurations

AGENCY_COMMENT = ("agencyCode follows QCVN 102:2016/BTTTT (V1V2V3.Z1Z2.Y1Y2.Hxx). The province letter code "
                  "H33 for Kon Tum and the level-2 number Y1Y2 are NOT confirmed against the province's "
                  "decision on agency codes: check both before relying on them.")

UNITS = [
    {"version": 1, "id": "ubnd-dak-ha", "name": "Ủy ban nhân dân huyện Đắk Hà", "agencyCode": "000.00.35.H33",
     "kind": "district", "districtCode": "615",
     "$comment": "Huyện Đắk Hà (mã 615), cấp huyện đã bãi bỏ từ 01/07/2025; danh sách do Phòng Lao động - "
                 "Thương binh và Xã hội lập. " + AGENCY_COMMENT,
     "sources": [{"dataset": "ho-ngheo", "files": "ho-ngheo-*.csv", "format": "csv", "encoding": "auto",
                  "headerRow": "auto", "delimiter": "auto"}]},
    {"version": 1, "id": "ubnd-kon-ray", "name": "Ủy ban nhân dân huyện Kon Rẫy", "agencyCode": "000.00.34.H33",
     "kind": "district", "districtCode": "614",
     "$comment": "Huyện Kon Rẫy (mã 614), cấp huyện đã bãi bỏ từ 01/07/2025. " + AGENCY_COMMENT,
     "sources": [{"dataset": "ho-ngheo", "files": "ho-ngheo-*.csv", "format": "csv", "encoding": "auto",
                  "headerRow": "auto", "delimiter": "auto"}]},
    {"version": 1, "id": "so-gddt", "name": "Sở Giáo dục và Đào tạo tỉnh Kon Tum", "agencyCode": "000.00.13.H33",
     "kind": "department",
     "$comment": AGENCY_COMMENT,
     "sources": [{"dataset": "co-so-giao-duc", "files": "co-so-giao-duc*.csv", "format": "csv",
                  "encoding": "auto", "headerRow": "auto", "delimiter": "auto"}]},
    {"version": 1, "id": "so-nnmt", "name": "Sở Nông nghiệp và Môi trường", "agencyCode": "000.00.23.H33",
     "kind": "department",
     "$comment": "Lập năm 2025 từ Sở Nông nghiệp và Phát triển nông thôn và Sở Tài nguyên và Môi trường; từ "
                 "01/07/2025 thuộc tỉnh Quảng Ngãi (sau hợp nhất), số liệu trạm trên địa bàn Kon Tum cũ. "
                 + AGENCY_COMMENT,
     "sources": [{"dataset": "quan-trac-moi-truong", "files": "quan-trac-*.xml", "format": "xml",
                  "encoding": "auto", "recordPath": "/DuLieuQuanTrac/Tram/LanDo",
                  "columns": {"../@MaTram": "ma_tram", "../@TenTram": "ten_tram", "../@MaXa": "ma_xa",
                              "@ThoiGian": "thoi_gian"}}]},
    {"version": 1, "id": "so-khdt", "name": "Sở Kế hoạch và Đầu tư tỉnh Kon Tum", "agencyCode": "000.00.15.H33",
     "kind": "department",
     "$comment": "Từ 03/2025 hợp nhất vào Sở Tài chính; tệp là bản xuất \"Unicode text\" của Excel. "
                 + AGENCY_COMMENT,
     "sources": [{"dataset": "ho-kinh-doanh", "files": "ho-kinh-doanh-*.txt", "format": "csv",
                  "encoding": "auto", "headerRow": "auto", "delimiter": "auto"}]},
]


def write_units(root):
    paths = []
    for unit in UNITS:
        keys = ("version", "id", "name", "agencyCode", "kind", "districtCode", "$comment", "sources")
        ordered = {k: unit[k] for k in keys if k in unit}
        path = os.path.join(root, "pipelines", "units", unit["id"] + ".json")
        write_bytes(path, (json.dumps(ordered, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        paths.append(path)
    return paths


# MARK: - Manifest files

def write_manifest(root, m):
    order = {f["file"]: i for i, f in enumerate(m.files)}
    m.defects.sort(key=lambda d: (order[d["file"]], d["line"]))
    m.normalizations.sort(key=lambda n: (order[n["file"]], n["line"]))
    for unit in order:
        for k, d in enumerate((d for d in m.defects if d["file"] == unit), 1):
            d["id"] = f"{d['unit']}#{k}"
    doc = {
        "generator": "scripts/make-samples.py",
        "seed": SEED,
        "asOf": {"suggested": AS_OF_SUGGESTED, "validFrom": AS_OF_WINDOW[0], "validTo": AS_OF_WINDOW[1],
                 "why": "XML readings run to 2026-11-15 (exported 2026-11-20); one birth date is 2027-09-14 "
                        "and must stay in the future."},
        "lineRule": "Physical 1-based line of the file as written: title rows count, CRLF is one line end, "
                    "blank lines count. XML: the line of the record's <LanDo start tag.",
        "severityNote": "severity is the default from FindingCatalog.swift; a dataset may override it.",
        "files": m.files,
        "defects": m.defects,
        "normalizations": m.normalizations,
        "expected": expected_counts(m),
        "notes": m.notes,
    }
    write_bytes(os.path.join(root, "samples", "defects.json"),
                (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    write_bytes(os.path.join(root, "samples", "DEFECTS.md"), defects_md(doc).encode("utf-8"))


def expected_counts(m):
    out = []
    for f in m.files:
        mine = [d for d in m.defects if d["file"] == f["file"] and d["stage"] == "validate"]
        error_lines = {d["line"] for d in mine if d["severity"] == "error"}
        warn_lines = {d["line"] for d in mine if d["severity"] == "warning"} - error_lines
        out.append({"unit": f["unit"], "file": f["file"], "records": f["records"],
                    "rejected": len(error_lines), "validated": f["records"] - len(error_lines),
                    "validatedWithDefectWarnings": len(warn_lines),
                    "note": "from the deliberate defects and default severities only; code-from-name, "
                            "record-stale and other informational findings are not counted"})
    return out


def md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def defects_md(doc):
    out = ["# Sample defects", "",
           "Generated by `scripts/make-samples.py` (do not edit by hand; rerun the script). The same content, "
           "for tests, is in `defects.json`.", "",
           f"- Line numbers: {doc['lineRule']}",
           f"- Processing date: the expectations hold for `--as-of` from {doc['asOf']['validFrom']} to "
           f"{doc['asOf']['validTo']} (suggested `{doc['asOf']['suggested']}`). {doc['asOf']['why']}",
           f"- Severity: {doc['severityNote']}",
           "- Stage `validate` findings come from `kdl-validate` (or `kdl-run`); stage `bundle` findings only "
           "appear when the dataset is bundled.", ""]
    out += ["## Files", "", "| unit | file | encoding | dialect | header line | data lines | records |",
            "|---|---|---|---|---|---|---|"]
    for f in doc["files"]:
        enc = f["encoding"] + (" + BOM" if f["bom"] else "")
        dialect = ("XML " + f["recordPath"]) if f["format"] == "xml" else \
            f"`{'TAB' if f['delimiter'] == chr(9) else f['delimiter']}` {f['lineEnd']}"
        header = f.get("headerLine", "-")
        lines = f"{f['firstDataLine']}–{f['lastDataLine']}" if "firstDataLine" in f else "see defects"
        out.append(f"| {f['unit']} | `{f['file']}` | {enc} | {dialect} | {header} | {lines} | {f['records']} |")
    out.append("")
    for f in doc["files"]:
        out.append(f"### {f['unit']} — `{f['file']}`")
        out.append("")
        if "titleLines" in f:
            out.append(f"- Title lines {f['titleLines']}, blank (delimiters only) lines {f['blankLines']}, "
                       f"header line {f['headerLine']}, totals line {f['totalsLine']} (\"Tổng cộng\"), "
                       f"signature block lines {f['trailerLines'][0]}–{f['trailerLines'][-1]}.")
        for c in f.get("conventions", []):
            out.append(f"- {c}")
        if f.get("unmappedColumns"):
            out.append(f"- Unmapped columns (reported, not defects): {', '.join(f['unmappedColumns'])}.")
        out.append("")
    out += ["## Defects", "", "| id | file:line | field (column) | code | severity | stage | value | note |",
            "|---|---|---|---|---|---|---|---|"]
    for d in doc["defects"]:
        note = d.get("note", "")
        if "firstLine" in d:
            note += f" First occurrence: line {d['firstLine']}."
        if "other" in d:
            o = d["other"]
            note += f" Other position: {o['unit']} `{o['file']}` line {o['line']}."
        out.append(f"| {d['id']} | `{d['file']}`:{d['line']} | {d['field']} ({md_escape(d['column'])}) | "
                   f"`{d['code']}` | {d['severity']} | {d['stage']} | `{md_escape(d['value'])}` | "
                   f"{md_escape(note)} |")
    out += ["", "## Normalizations (not defects)", "",
            "| file:line | field (column) | written | normalized | rule | note |", "|---|---|---|---|---|---|"]
    for n in doc["normalizations"]:
        out.append(f"| `{n['file']}`:{n['line']} | {n['field']} ({md_escape(n['column'])}) | "
                   f"`{md_escape(n['value'])}` | `{n['normalized']}` | {n['rule']} | {md_escape(n['note'])} |")
    out += ["", "## Expected row accounting", "",
            "| unit | file | records | rejected | validated | of which with a defect warning |",
            "|---|---|---|---|---|---|"]
    for e in doc["expected"]:
        out.append(f"| {e['unit']} | `{e['file']}` | {e['records']} | {e['rejected']} | {e['validated']} | "
                   f"{e['validatedWithDefectWarnings']} |")
    out += ["", "Counted from the deliberate defects with default severities; informational findings "
            "(code-from-name, record-stale, column-unmapped) are not counted.", ""]
    if doc["notes"]:
        out += ["## Notes", ""] + [f"- {n}" for n in doc["notes"]] + [""]
    return "\n".join(out)


def write_readme(root, m):
    rec = {f["unit"]: f["records"] for f in m.files}
    text = f"""# Dữ liệu mẫu (samples)

Thư mục `inbox/` chứa bản xuất dữ liệu mẫu của sáu đơn vị, đúng như cách các đơn vị thường gửi: mỗi đơn vị
một thư mục, mỗi tệp một bảng mã và một kiểu định dạng khác nhau. `kdl-run` đọc thư mục này khi chạy không
có tham số. Tệp do `scripts/make-samples.py` sinh ra (cố định hạt giống ngẫu nhiên, chạy lại cho ra đúng
từng byte); đừng sửa tay, hãy sửa script rồi chạy lại.

| đơn vị | tệp | nội dung |
|---|---|---|
| `ubnd-dak-ha` | `ho-ngheo-2024.csv` | {rec['ubnd-dak-ha']} thành viên hộ nghèo, cận nghèo năm 2024 của huyện Đắk Hà. Bản xuất Excel kiểu cũ: bảng mã Windows-1258 (dấu thanh tổ hợp), dấu `;`, CRLF, ba dòng tiêu đề phía trên, dòng "Tổng cộng" và khối chữ ký phía dưới; giới tính, dân tộc, quan hệ, loại hộ ghi bằng tên thay cho mã; ngày dd/MM/yyyy. |
| `ubnd-kon-ray` | `ho-ngheo-kon-ray-2024.csv` | {rec['ubnd-kon-ray']} thành viên hộ nghèo, cận nghèo của huyện Kon Rẫy, xuất từ phần mềm: UTF-8 không BOM, dấu phẩy, LF, tên cột kiểu `HO_TEN`, mã thay cho tên, ngày ISO. Một người có mặt ở cả danh sách Đắk Hà. |
| `ubnd-sa-thay` | `ho-ngheo-sa-thay-2024.xlsx` | 8 thành viên của 3 hộ nghèo ở thị trấn Sa Thầy, gửi nguyên bảng tính Excel văn phòng đang giữ: tiêu đề trên ô gộp, số CCCD và số điện thoại nhập dạng số (mất số 0 đầu), ngày sinh theo ba kiểu (định dạng `dd/mm/yyyy`, định dạng ngày sẵn có, chữ), cột năm là công thức, dòng tổng cộng và chữ ký, thêm một trang hướng dẫn. Sinh bởi `scripts/make-workbooks.py`. |
| `so-gddt` | `co-so-giao-duc.csv` | {rec['so-gddt']} cơ sở giáo dục khắp tỉnh: UTF-8 có BOM, dấu phẩy, CRLF; cấp học ghi lẫn mã và tên, số học sinh có dấu chấm phân cách hàng nghìn, tọa độ WGS 84. |
| `so-nnmt` | `quan-trac-nuoc-2026-q4.xml` | {rec['so-nnmt']} lần đo chất lượng nước mặt tại 5 trạm (9–11/2026): XML có không gian tên mặc định, mã xã mới (từ 01/07/2025), ghi chú trong CDATA. |
| `so-khdt` | `ho-kinh-doanh-2025.txt` | {rec['so-khdt']} hộ kinh doanh: tệp "Unicode text" của Excel (UTF-16LE có BOM, TAB, CRLF); vốn ghi kiểu `50.000.000`, ngành cấp 1 VSIC 2018. |

Mỗi tệp có một số lỗi cố ý (mã xã không tồn tại, trùng số định danh, ngày không hợp lệ, số điện thoại 11 số
cũ, mã số thuế sai chữ số kiểm tra…). Danh sách đầy đủ, với tệp, số dòng, trường và mã lỗi mong đợi, nằm ở
`DEFECTS.md` (cho người đọc) và `defects.json` (cho kiểm thử).

**Toàn bộ con người và con số là bịa**: họ tên, ngày sinh, số định danh, số điện thoại, thư điện tử, mã số
thuế, số giấy chứng nhận, mã hộ, mã trường, quy mô trường và kết quả quan trắc đều do script sinh ngẫu nhiên;
mọi trùng hợp với người thật là ngẫu nhiên. **Địa danh và mã là thật**: mã và tên xã lấy từ
`pipelines/catalogs/xa.csv` (danh mục Tổng cục Thống kê, trước và sau sắp xếp 01/07/2025), mã dân tộc theo
Quyết định 1019/QĐ-TCTK. Tên trường, tên trạm quan trắc và tên đường chỉ là tên hợp lý, không khẳng định
thông tin về một cơ sở có thật.

## English

`inbox/` holds sample exports from six units of Kon Tum province, each in the encoding and dialect such a
unit really sends: a Windows-1258, semicolon-separated Excel export with title rows, a totals row and a
signature block (Đắk Hà poor-household list); a UTF-8 comma CSV with ASCII headers and codes (Kon Rẫy); a
UTF-8-with-BOM school list; a namespaced XML file of water-quality readings; and a UTF-16LE tab-separated
"Unicode text" list of household businesses. Sa Thầy sends the Excel workbook its office keeps (`ho-ngheo-sa-thay-2024.xlsx`, written by `scripts/make-workbooks.py`): titles over merged cells, CCCD and phone typed as numbers, dates in three forms, a formula column, totals, signatures and a second sheet. Every deliberate defect is listed with file, physical line,
field and expected finding code in `DEFECTS.md` and `defects.json`. All people and numbers are invented
(names, birth dates, personal IDs, phones, e-mails, tax codes, measurements); places and codes are real
(commune codes and names from `pipelines/catalogs/xa.csv`, ethnic codes from GSO Decision 1019/QĐ-TCTK).
School, station and street names are plausible, not claims about real institutions. The files are generated
by `scripts/make-samples.py`; edit the script, not the files.
"""
    write_bytes(os.path.join(root, "samples", "README.md"), text.encode("utf-8"))


# MARK: - Verification (read everything back)

def physical_lines(text):
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    return re.split(r"\r\n|\n|\r", text)


def verify(root, m, xa):
    problems = []
    decoders = {"windows-1258": lambda b: unicodedata.normalize("NFC", b.decode("cp1258")),
                "utf-8": lambda b: b.decode("utf-8-sig") if b.startswith(b"\xef\xbb\xbf") else b.decode("utf-8"),
                "utf-16le": lambda b: b.decode("utf-16")}
    headers = {"ubnd-dak-ha": (DAK_HA_HEADER, DAK_HA_FIELDS), "ubnd-kon-ray": (KON_RAY_HEADER, KON_RAY_FIELDS),
               "so-gddt": (SCHOOL_HEADER, SCHOOL_FIELDS), "so-khdt": (HKD_HEADER, HKD_FIELDS)}
    texts = {}
    for f in m.files:
        raw = open(os.path.join(root, "samples", "inbox", f["unit"], f["file"]), "rb").read()
        if f["bom"] != (raw.startswith(b"\xef\xbb\xbf") or raw.startswith(b"\xff\xfe")):
            problems.append(f"{f['file']}: BOM")
        text = decoders[f["encoding"]](raw)
        if f["encoding"] == "windows-1258" and unicodedata.normalize("NFC", raw.decode("cp1258")) == raw.decode("cp1258"):
            problems.append(f"{f['file']}: no combining tone marks in the cp1258 bytes")
        if f["encoding"] == "utf-16le" and not raw.startswith(b"\xff\xfe"):
            problems.append(f"{f['file']}: not UTF-16LE")
        if unicodedata.normalize("NFC", text) != text:
            problems.append(f"{f['file']}: not NFC after decoding")
        crlf, lf = text.count("\r\n"), text.count("\n")
        if f["lineEnd"] == "CRLF" and crlf != lf or f["lineEnd"] == "LF" and crlf:
            problems.append(f"{f['file']}: line ends")
        lines = physical_lines(text)
        if len(lines) != f["physicalLines"]:
            problems.append(f"{f['file']}: {len(lines)} lines, manifest says {f['physicalLines']}")
        texts[f["file"]] = lines
        if f["format"] == "csv":
            header, _ = headers[f["unit"]]
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=f["delimiter"]))
            if len(rows) != len(lines):
                problems.append(f"{f['file']}: a cell spans lines")
            for n, row in enumerate(rows, 1):
                if len(row) != len(header):
                    problems.append(f"{f['file']}:{n}: {len(row)} cells, header has {len(header)}")
            if rows[f["headerLine"] - 1] != header:
                problems.append(f"{f['file']}: header not on line {f['headerLine']}")
            problems += check_codes(f, rows, header, xa)
        else:
            starts = [n for n, l in enumerate(lines, 1) if l.lstrip().startswith("<LanDo")]
            if len(starts) != f["records"]:
                problems.append(f"{f['file']}: {len(starts)} <LanDo lines, records {f['records']}")
    for entry in m.defects + m.normalizations + \
            [dict(d["other"], value=d["value"], field=d["field"]) for d in m.defects if "other" in d]:
        unit, file, line = entry["unit"], entry["file"], entry["line"]
        lines = texts[file]
        if file.endswith(".xml"):
            text = lines[line - 1]
            ok = text.lstrip().startswith("<LanDo")
            col = entry["column"]
            if col == "@ThoiGian" and entry["code"] == "required":
                ok = ok and "ThoiGian=" not in text
            elif col == "@ThoiGian":
                ok = ok and f'ThoiGian="{entry["value"]}"' in text
            else:
                ok = ok and f"<{col}>{entry['value']}</{col}>" in text
            if not ok:
                problems.append(f"{file}:{line}: does not hold {entry['field']}={entry['value']!r}")
            continue
        f = next(x for x in m.files if x["file"] == file)
        header, fields = headers[unit]
        row = next(csv.reader([lines[line - 1]], delimiter=f["delimiter"]))
        cell = row[header.index(fields[entry["field"]])]
        if cell != entry["value"]:
            problems.append(f"{file}:{line}: {entry['field']} is {cell!r}, manifest says {entry['value']!r}")
    # the duplicate pairs really are duplicates
    for d in m.defects:
        if "firstLine" in d and not d["file"].endswith(".xml"):
            f = next(x for x in m.files if x["file"] == d["file"])
            header, fields = headers[d["unit"]]
            a = next(csv.reader([texts[d["file"]][d["firstLine"] - 1]], delimiter=f["delimiter"]))
            b = next(csv.reader([texts[d["file"]][d["line"] - 1]], delimiter=f["delimiter"]))
            k = header.index(fields[d["field"]])
            if a[k] != b[k] or d["firstLine"] >= d["line"]:
                problems.append(f"{d['file']}:{d['line']}: not a repeat of line {d['firstLine']}")
    # every tax code but the defect has a valid check digit
    f = next(x for x in m.files if x["unit"] == "so-khdt")
    bad = {d["line"] for d in m.defects if d["code"] == "tax-code-checksum"}
    for n, l in enumerate(texts[f["file"]][1:], 2):
        t = l.split("\t")[HKD_HEADER.index("Mã số thuế")]
        if t and (str(tax_check_digit(t[:9])) == t[9]) == (n in bad):
            problems.append(f"{f['file']}:{n}: tax code check digit")
    return problems


def check_codes(f, rows, header, xa):
    """Clean rows must carry commune codes valid on their date, names that agree, and personal IDs that
    agree with birth date and sex; the manifest must list every row that does not."""
    problems = []
    listed = {(d["line"], d["field"]) for d in MANIFEST.defects if d["file"] == f["file"]}
    fields = {"ubnd-dak-ha": DAK_HA_FIELDS, "ubnd-kon-ray": KON_RAY_FIELDS, "so-gddt": SCHOOL_FIELDS,
              "so-khdt": HKD_FIELDS}[f["unit"]]
    idx = {field: header.index(col) for field, col in fields.items()}
    first = f["firstDataLine"]
    last = f["lastDataLine"]
    seen_ids = {}
    for n in range(first, last + 1):
        r = rows[n - 1]
        date_text = r[idx["ngay_cap_nhat"]]
        date = dt.date.fromisoformat(date_text) if "-" in date_text else \
            dt.datetime.strptime(date_text, "%d/%m/%Y").date()
        entry = xa.entry_on(r[idx["ma_xa"]], date)
        if entry is None and (n, "ma_xa") not in listed:
            problems.append(f"{f['file']}:{n}: commune {r[idx['ma_xa']]} not valid on {date}")
        if entry is not None and not xa.name_matches(entry, r[idx["ten_xa"]]) and (n, "ten_xa") not in listed:
            problems.append(f"{f['file']}:{n}: {r[idx['ten_xa']]!r} is not {entry['name']}")
        if "so_dinh_danh" in idx:
            pid = r[idx["so_dinh_danh"]]
            sex_text = r[idx["gioi_tinh"]]
            sex = 1 if sex_text in ("Nam", "1") else 2
            birth_text = r[idx["ngay_sinh"]]
            try:
                birth = dt.date.fromisoformat(birth_text) if "-" in birth_text else \
                    dt.datetime.strptime(birth_text, "%d/%m/%Y").date()
            except ValueError:
                birth = None
            if len(pid) == 12 and birth:
                good = pid[3] == IDs.century_sex_digit(birth, sex) and pid[4:6] == f"{birth.year % 100:02d}"
                if not good and (n, "so_dinh_danh") not in listed:
                    problems.append(f"{f['file']}:{n}: personal ID disagrees with birth date/sex")
            elif (n, "so_dinh_danh") not in listed and (n, "ngay_sinh") not in listed:
                problems.append(f"{f['file']}:{n}: personal ID {pid!r}")
            if pid in seen_ids and (n, "so_dinh_danh") not in listed:
                problems.append(f"{f['file']}:{n}: personal ID repeats line {seen_ids[pid]}")
            seen_ids.setdefault(pid, n)
        for field in ("ho_ten", "ma_ho", "ngay_sinh"):
            if field in idx and not r[idx[field]] and (n, field) not in listed:
                problems.append(f"{f['file']}:{n}: empty {field}")
        if "so_dien_thoai" in idx:
            p = r[idx["so_dien_thoai"]]
            normal = p in ("", "+84 905 123 456") or re.fullmatch(r"0[35789]\d{8}|0260\d{7}", p)
            if not normal and (n, "so_dien_thoai") not in listed:
                problems.append(f"{f['file']}:{n}: phone {p!r}")
    return problems


MANIFEST = None


def main():
    global MANIFEST
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    args = parser.parse_args()
    root = args.root
    xa = Catalog(os.path.join(root, "pipelines", "catalogs", "xa.csv"))
    for r in Catalog(os.path.join(root, "pipelines", "catalogs", "dan-toc.csv")).rows:
        ETHNIC_NAME[r["code"]] = r["name"]
    m = MANIFEST = Manifest()
    shared = {"ids": IDs(random.Random(SEED + "/ids"))}
    written = [make_dak_ha(root, xa, m, shared), make_kon_ray(root, xa, m, shared), make_schools(root, xa, m, shared),
               make_water(root, xa, m, shared), make_businesses(root, xa, m, shared)]
    m.notes += [
        "Personal IDs mostly start with 062 (Kon Tum). A few adults registered elsewhere carry other real "
        "province prefixes (017 Hòa Bình, 038 Thanh Hóa, 040 Nghệ An, 049 Quảng Nam, 051 Quảng Ngãi, 052 "
        "Bình Định). They are clean rows: a province-prefix check must know the 63 pre-2025 province codes, "
        "not only tinh.csv (which lists 62 and 51).",
        "At the suggested as-of date the ho-ngheo, co-so-giao-duc and ho-kinh-doanh records are older than "
        "their freshnessDays, so record-stale (info) appears on their rows; it is not listed per row.",
        "Bundle-stage findings (conflict-across-units, personal-data-in-open-text, formula-neutralized) "
        "carry the source line through the records' lineage (_src).",
    ]
    written += write_units(root)
    write_manifest(root, m)
    write_readme(root, m)
    problems = verify(root, m, xa)
    if problems:
        for p in problems:
            print("check failed:", p, file=sys.stderr)
        return 1
    for f in m.files:
        n = sum(1 for d in m.defects if d["file"] == f["file"])
        print(f"{f['unit']}/{f['file']}: {f['records']} records, {n} defects")
    print(f"{len(m.defects)} defects, {len(m.normalizations)} normalizations -> samples/defects.json, "
          f"samples/DEFECTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
