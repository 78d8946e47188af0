#!/usr/bin/env python3
"""Build the generated code lists (catalogs) in pipelines/catalogs/.

Usage:
    python3 scripts/build-catalogs.py [REFERENCE_DIR] [--out OUT_DIR]

REFERENCE_DIR defaults to ../shared/reference relative to the repository root
(the folder that holds scripts/).  OUT_DIR defaults to pipelines/catalogs/ in
the repository.

Generated files (all other catalogs in that folder are hand-written):
    tinh.csv          the 63 province-level units until 2025-06-30 and the 34 from 2025-07-01
    huyen.csv         the 10 district-level units of Kon Tum (abolished 2025-07-01)
    xa.csv            the 102 old communes and the new communes from 2025-07-01
    dan-toc.csv       ethnic groups, 2008 numbering (Decision 1019/QĐ-TCTK)
    dan-toc-1979.csv  ethnic groups, 1979 numbering (Decision 121-TCTK/PPCĐ)

Output: UTF-8 without BOM, LF line ends, minimal RFC 4180 quoting, NFC text.
The script only uses the standard library and is deterministic: running it
twice on the same reference files gives byte-identical output.  It checks the
reference data and its own output and exits non-zero if a check fails.
"""

import argparse
import csv
import io
import os
import sys
import unicodedata

BASE_COLUMNS = ["code", "name", "valid_from", "valid_to", "successor", "aliases"]

OLD_VALID_TO = "2025-06-30"     # last day of the old units
NEW_VALID_FROM = "2025-07-01"   # new communes began operating (1677/NQ-UBTVQH15, Art. 2 cl. 2)
OLD_PROVINCE = "62"
NEW_PROVINCE = "51"

EXPECTED_DISTRICTS = 10
EXPECTED_OLD_COMMUNES = 102
EXPECTED_ETHNIC_GROUPS = 54

# Codes checked by name in both ethnic lists: Kon Tum's own peoples, and in the 2008 list the
# run 25-37 that a source once gave in the 1979 population order (SOURCES.md, corrected
# 2026-12-02).  A reference file that drifts again fails here instead of re-coding records.
ETHNIC_CHECK_VALUES_2008 = {
    "01": "Kinh", "10": "Gia Rai", "12": "Ba Na", "16": "Xơ Đăng", "18": "Hrê", "29": "Giẻ Triêng",
    "52": "Rơ Măm", "53": "Brâu",
    "25": "Cơ Tu", "26": "Giáy", "27": "Tà Ôi", "28": "Mạ", "32": "Xinh Mun", "33": "Hà Nhì",
    "36": "La Chí", "37": "Kháng",
}
ETHNIC_CHECK_VALUES_1979 = {
    "01": "Kinh", "10": "Gia Rai", "13": "Ba Na", "14": "Xơ Đăng", "19": "Hrê", "27": "Giẻ Triêng",
    "52": "Brâu", "54": "Rơ Măm",
}

# --- Province-level units (tinh.csv) ----------------------------------------
# The whole-country list is small and has no reference file, so it is written
# here.  Sources (see pipelines/catalogs/README.md, section tinh.csv):
#   - old names and codes: the GSO list as it stood on 2025-01-01 (the same
#     codes as dvhcvn data/dvhcvn.json; code 46 has been Thành phố Huế since
#     2025-01-01, Resolution 175/2024/QH15);
#   - which old units form which new unit: Resolution 202/2025/QH15 of
#     12 June 2025, as transcribed in the appendix of 60-NQ/TW (dvhcvn/20250701,
#     input/docs/60-NQ_TW.md) and in the GSO old/new crosswalk;
#   - new codes and names: official letter 915/CTK-CSCL (dvhcvn/20250701,
#     input/docs/915_CTK-CSCL.csv).  Every new unit kept the code of one of
#     its old units.
EXPECTED_OLD_PROVINCES = 63
EXPECTED_NEW_PROVINCES = 34
EXPECTED_NEW_CITIES = 6          # 28 tỉnh and 6 thành phố from 2025-07-01 (60-NQ/TW item 5)

OLD_PROVINCES = [
    ("01", "Thành phố Hà Nội"), ("02", "Tỉnh Hà Giang"), ("04", "Tỉnh Cao Bằng"),
    ("06", "Tỉnh Bắc Kạn"), ("08", "Tỉnh Tuyên Quang"), ("10", "Tỉnh Lào Cai"),
    ("11", "Tỉnh Điện Biên"), ("12", "Tỉnh Lai Châu"), ("14", "Tỉnh Sơn La"),
    ("15", "Tỉnh Yên Bái"), ("17", "Tỉnh Hoà Bình"), ("19", "Tỉnh Thái Nguyên"),
    ("20", "Tỉnh Lạng Sơn"), ("22", "Tỉnh Quảng Ninh"), ("24", "Tỉnh Bắc Giang"),
    ("25", "Tỉnh Phú Thọ"), ("26", "Tỉnh Vĩnh Phúc"), ("27", "Tỉnh Bắc Ninh"),
    ("30", "Tỉnh Hải Dương"), ("31", "Thành phố Hải Phòng"), ("33", "Tỉnh Hưng Yên"),
    ("34", "Tỉnh Thái Bình"), ("35", "Tỉnh Hà Nam"), ("36", "Tỉnh Nam Định"),
    ("37", "Tỉnh Ninh Bình"), ("38", "Tỉnh Thanh Hóa"), ("40", "Tỉnh Nghệ An"),
    ("42", "Tỉnh Hà Tĩnh"), ("44", "Tỉnh Quảng Bình"), ("45", "Tỉnh Quảng Trị"),
    ("46", "Thành phố Huế"), ("48", "Thành phố Đà Nẵng"), ("49", "Tỉnh Quảng Nam"),
    ("51", "Tỉnh Quảng Ngãi"), ("52", "Tỉnh Bình Định"), ("54", "Tỉnh Phú Yên"),
    ("56", "Tỉnh Khánh Hòa"), ("58", "Tỉnh Ninh Thuận"), ("60", "Tỉnh Bình Thuận"),
    ("62", "Tỉnh Kon Tum"), ("64", "Tỉnh Gia Lai"), ("66", "Tỉnh Đắk Lắk"),
    ("67", "Tỉnh Đắk Nông"), ("68", "Tỉnh Lâm Đồng"), ("70", "Tỉnh Bình Phước"),
    ("72", "Tỉnh Tây Ninh"), ("74", "Tỉnh Bình Dương"), ("75", "Tỉnh Đồng Nai"),
    ("77", "Tỉnh Bà Rịa - Vũng Tàu"), ("79", "Thành phố Hồ Chí Minh"), ("80", "Tỉnh Long An"),
    ("82", "Tỉnh Tiền Giang"), ("83", "Tỉnh Bến Tre"), ("84", "Tỉnh Trà Vinh"),
    ("86", "Tỉnh Vĩnh Long"), ("87", "Tỉnh Đồng Tháp"), ("89", "Tỉnh An Giang"),
    ("91", "Tỉnh Kiên Giang"), ("92", "Thành phố Cần Thơ"), ("93", "Tỉnh Hậu Giang"),
    ("94", "Tỉnh Sóc Trăng"), ("95", "Tỉnh Bạc Liêu"), ("96", "Tỉnh Cà Mau"),
]

# (new code, new name, old codes it was formed from), in the order of 915/CTK-CSCL.
NEW_PROVINCES = [
    ("01", "Thành phố Hà Nội", ["01"]),
    ("04", "Tỉnh Cao Bằng", ["04"]),
    ("08", "Tỉnh Tuyên Quang", ["08", "02"]),
    ("11", "Tỉnh Điện Biên", ["11"]),
    ("12", "Tỉnh Lai Châu", ["12"]),
    ("14", "Tỉnh Sơn La", ["14"]),
    ("15", "Tỉnh Lào Cai", ["10", "15"]),
    ("19", "Tỉnh Thái Nguyên", ["19", "06"]),
    ("20", "Tỉnh Lạng Sơn", ["20"]),
    ("22", "Tỉnh Quảng Ninh", ["22"]),
    ("24", "Tỉnh Bắc Ninh", ["27", "24"]),
    ("25", "Tỉnh Phú Thọ", ["25", "26", "17"]),
    ("31", "Thành phố Hải Phòng", ["31", "30"]),
    ("33", "Tỉnh Hưng Yên", ["33", "34"]),
    ("37", "Tỉnh Ninh Bình", ["37", "35", "36"]),
    ("38", "Tỉnh Thanh Hóa", ["38"]),
    ("40", "Tỉnh Nghệ An", ["40"]),
    ("42", "Tỉnh Hà Tĩnh", ["42"]),
    ("44", "Tỉnh Quảng Trị", ["45", "44"]),
    ("46", "Thành phố Huế", ["46"]),
    ("48", "Thành phố Đà Nẵng", ["48", "49"]),
    ("51", "Tỉnh Quảng Ngãi", ["51", "62"]),
    ("52", "Tỉnh Gia Lai", ["64", "52"]),
    ("56", "Tỉnh Khánh Hòa", ["56", "58"]),
    ("66", "Tỉnh Đắk Lắk", ["66", "54"]),
    ("68", "Tỉnh Lâm Đồng", ["68", "67", "60"]),
    ("75", "Tỉnh Đồng Nai", ["75", "70"]),
    ("79", "Thành phố Hồ Chí Minh", ["79", "74", "77"]),
    ("80", "Tỉnh Tây Ninh", ["72", "80"]),
    ("82", "Tỉnh Đồng Tháp", ["87", "82"]),
    ("86", "Tỉnh Vĩnh Long", ["86", "83", "84"]),
    ("91", "Tỉnh An Giang", ["89", "91"]),
    ("92", "Thành phố Cần Thơ", ["92", "93", "94"]),
    ("96", "Tỉnh Cà Mau", ["96", "95"]),
]

# Extra spellings of a province's bare name seen in exports, keyed by the bare
# name; they apply to every row with that name (old and new).  The bare name,
# the Đắk/Đăk variants and the ASCII forms are added anyway.
PROVINCE_EXTRA_ALIASES = {
    "Hà Nội": ["Hanoi"],
    "Bắc Kạn": ["Bắc Cạn"],
    "Huế": ["Thừa Thiên Huế", "Thừa Thiên - Huế"],
    "Kon Tum": ["Kontum"],
    "Đắk Lắk": ["Đăk Lăk", "Daklak"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa Vũng Tàu", "BR-VT", "BRVT"],
    "Hồ Chí Minh": ["TP Hồ Chí Minh", "TP.HCM", "TP HCM", "TPHCM", "HCM"],
}

# Type prefixes of unit names, longest first so "Thành phố" wins over nothing.
TYPE_PREFIXES = ["Thành phố", "Thị trấn", "Phường", "Huyện", "Tỉnh", "Xã"]

# Spelling variants seen in exports, applied word by word.  Every word of a
# group may be written as any other word of the same group.
WORD_VARIANTS = [
    ("Đắk", "Đăk"),
    ("Ngọk", "Ngọc", "Ngok"),   # the GSO list itself writes "Ngok Réo", the 2025 list "Ngọk Réo"
]

# Place-name spellings that differ between the GSO list and Resolution
# 1677/NQ-UBTVQH15 (see SOURCES.md: resolved by hand when the successor file
# was built).  Applied as phrase substitutions in both directions.
PHRASE_VARIANTS = [
    ("H' Drai", "H'Drai"),
    ("Bờ Y", "Pờ Y"),
    ("Đắk Blô", "Đăk Plô"),
    ("Đăk Blô", "Đắk Plô"),
    ("Măng Buk", "Măng Bút"),
    ("Rơ Kơi", "Rờ Kơi"),
]


class CheckError(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckError(message)


def nfc(text):
    return unicodedata.normalize("NFC", text.strip())


def ascii_fold(text):
    """Vietnamese text without diacritics: 'Đắk Hà' -> 'Dak Ha'."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def dedup(items):
    seen = set()
    out = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def normalise_case(text):
    """'Đắk KRoong' -> 'Đắk Kroong', 'Ya ly' -> 'Ya Ly'; words with an apostrophe are kept."""
    words = []
    for word in text.split(" "):
        if "'" in word or not word:
            words.append(word)
        else:
            words.append(word[0].upper() + word[1:].lower())
    return " ".join(words)


def spelling_variants(bare):
    """All spellings of a bare place name reachable through the variant rules, in a fixed order."""
    word_groups = {}
    for group in WORD_VARIANTS:
        for word in group:
            word_groups[word] = group

    def one_step(text):
        out = []
        words = text.split(" ")
        for i, word in enumerate(words):
            for other in word_groups.get(word, ()):
                if other != word:
                    out.append(" ".join(words[:i] + [other] + words[i + 1:]))
        for a, b in PHRASE_VARIANTS:
            if a in text:
                out.append(text.replace(a, b))
            if b in text:
                out.append(text.replace(b, a))
        cased = normalise_case(text)
        if cased != text:
            out.append(cased)
        return out

    result = [bare]
    queue = [bare]
    while queue:
        current = queue.pop(0)
        for variant in one_step(current):
            if variant not in result:
                result.append(variant)
                queue.append(variant)
    return result


def place_aliases(name, bare):
    """Aliases of an administrative unit: the bare name, its spelling variants, their ASCII forms."""
    variants = spelling_variants(bare)
    folded = [ascii_fold(v) for v in variants]
    return [a for a in dedup(variants + folded) if a != name]


def split_type(name, expected_type=None):
    """('Xã Đắk Hà') -> ('Xã', 'Đắk Hà')."""
    for prefix in TYPE_PREFIXES:
        if name.startswith(prefix + " "):
            if expected_type is not None:
                check(prefix == expected_type,
                      "name %r does not start with its type %r" % (name, expected_type))
            return prefix, name[len(prefix) + 1:]
    raise CheckError("name %r has no known type prefix" % name)


def join_aliases(aliases):
    for alias in aliases:
        check("|" not in alias, "alias %r contains the separator" % alias)
    return "|".join(dedup(aliases))


def read_csv(path, columns):
    check(os.path.isfile(path), "missing reference file %s" % path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        check(reader.fieldnames is not None and set(columns) <= set(reader.fieldnames),
              "%s: expected columns %s" % (os.path.basename(path), ",".join(columns)))
        rows = []
        for row in reader:
            rows.append({key: nfc(value or "") for key, value in row.items()})
        return reader.fieldnames, rows


def render_csv(header, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row[column] for column in header])
    text = buffer.getvalue()
    check(unicodedata.is_normalized("NFC", text), "output is not NFC")
    return text.encode("utf-8")


def code_sort_key(row):
    return (int(row["code"]), row["valid_from"])


def check_intervals(file_name, rows):
    """Rows of the same code must not overlap.  Empty valid_from = -inf, empty valid_to = +inf."""
    by_code = {}
    for row in rows:
        vf, vt = row["valid_from"], row["valid_to"]
        if vf and vt:
            check(vf <= vt, "%s: code %s has valid_from after valid_to" % (file_name, row["code"]))
        by_code.setdefault(row["code"], []).append((vf or "0000-00-00", vt or "9999-99-99"))
    for code, intervals in by_code.items():
        intervals.sort()
        for (_, end), (start, _) in zip(intervals, intervals[1:]):
            check(end < start, "%s: code %s has overlapping intervals" % (file_name, code))


def overlaps(a, b):
    a_from, a_to = a["valid_from"] or "0000-00-00", a["valid_to"] or "9999-99-99"
    b_from, b_to = b["valid_from"] or "0000-00-00", b["valid_to"] or "9999-99-99"
    return a_from <= b_to and b_from <= a_to


def ambiguous_names(rows):
    """Names/aliases that point to two different codes at the same time (case-insensitive)."""
    keys = {}
    for row in rows:
        for key in [row["name"]] + (row["aliases"].split("|") if row["aliases"] else []):
            keys.setdefault(key.casefold(), []).append(row)
    found = []
    for key in sorted(keys):
        entries = keys[key]
        pairs = set()
        for i, a in enumerate(entries):
            for b in entries[i + 1:]:
                if a["code"] != b["code"] and overlaps(a, b):
                    pairs.add(tuple(sorted((a["code"], b["code"]), key=int)))
        for pair in sorted(pairs):
            found.append((key, pair))
    return found


def province_aliases(name, bare):
    """Aliases of a province: the place-name rules plus PROVINCE_EXTRA_ALIASES and their ASCII forms."""
    extra = PROVINCE_EXTRA_ALIASES.get(bare, [])
    aliases = place_aliases(name, bare) + extra + [ascii_fold(a) for a in extra]
    return [a for a in dedup(aliases) if a != name]


def build_tinh():
    """tinh.csv from OLD_PROVINCES and NEW_PROVINCES, with the self-checks of the whole-country table."""
    old_names = dict(OLD_PROVINCES)
    check(len(OLD_PROVINCES) == EXPECTED_OLD_PROVINCES and len(old_names) == EXPECTED_OLD_PROVINCES,
          "tinh table: expected %d distinct old provinces, found %d" % (EXPECTED_OLD_PROVINCES, len(old_names)))
    new_codes = [code for code, _, _ in NEW_PROVINCES]
    check(len(NEW_PROVINCES) == EXPECTED_NEW_PROVINCES and len(set(new_codes)) == EXPECTED_NEW_PROVINCES,
          "tinh table: expected %d distinct new provinces, found %d" % (EXPECTED_NEW_PROVINCES, len(set(new_codes))))

    successor_of = {}
    for code, name, members in NEW_PROVINCES:
        check(code in members, "tinh table: new code %s is not the code of one of its old units" % code)
        for old_code in members:
            check(old_code in old_names, "tinh table: new %s lists unknown old code %s" % (code, old_code))
            check(old_code not in successor_of, "tinh table: old code %s has two successors" % old_code)
            successor_of[old_code] = code
        if len(members) == 1:
            check(split_type(name)[1] == split_type(old_names[code])[1],
                  "tinh table: unmerged unit %s changed its name" % code)
    check(set(successor_of) == set(old_names), "tinh table: old codes without a successor: %s"
          % ",".join(sorted(set(old_names) - set(successor_of))))
    cities = [name for _, name, _ in NEW_PROVINCES if split_type(name)[0] == "Thành phố"]
    check(len(cities) == EXPECTED_NEW_CITIES, "tinh table: expected %d new cities, found %d"
          % (EXPECTED_NEW_CITIES, len(cities)))

    unmerged = {code for code, _, members in NEW_PROVINCES if len(members) == 1}
    tinh = []
    for code, name in OLD_PROVINCES:
        unit_type, bare = split_type(name)
        check(unit_type in ("Tỉnh", "Thành phố"), "tinh table: %s has type %s" % (code, unit_type))
        tinh.append({"code": code, "name": name, "valid_from": "", "valid_to": OLD_VALID_TO,
                     "successor": successor_of[code], "aliases": join_aliases(province_aliases(name, bare)),
                     "cccd_prefix": "0" + code})
    for code, name, members in NEW_PROVINCES:
        unit_type, bare = split_type(name)
        check(unit_type in ("Tỉnh", "Thành phố"), "tinh table: %s has type %s" % (code, unit_type))
        # The ID prefix is only carried over where the unit itself did not change (not merged).
        tinh.append({"code": code, "name": name, "valid_from": NEW_VALID_FROM, "valid_to": "",
                     "successor": "", "aliases": join_aliases(province_aliases(name, bare)),
                     "cccd_prefix": "0" + code if code in unmerged else ""})
    tinh.sort(key=code_sort_key)

    # Checks on the result.
    old_rows = [r for r in tinh if r["valid_to"] == OLD_VALID_TO]
    new_rows = [r for r in tinh if r["valid_from"] == NEW_VALID_FROM]
    check(len(old_rows) == EXPECTED_OLD_PROVINCES and len(new_rows) == EXPECTED_NEW_PROVINCES
          and len(tinh) == EXPECTED_OLD_PROVINCES + EXPECTED_NEW_PROVINCES, "tinh.csv row count")
    check_intervals("tinh.csv", tinh)
    new_row_codes = {r["code"] for r in new_rows}
    for row in old_rows:
        check(row["successor"] in new_row_codes,
              "tinh.csv: successor %s of %s is not a unit valid from %s" % (row["successor"], row["code"], NEW_VALID_FROM))
        check(len(row["cccd_prefix"]) == 3 and row["cccd_prefix"].isdigit(), "tinh.csv: bad cccd_prefix on %s" % row["code"])
    clashes = ambiguous_names(tinh)
    check(not clashes, "tinh.csv: a name/alias means two codes in the same period: %r" % (clashes[:3],))
    return tinh


def build_admin(reference_dir):
    _, units = read_csv(os.path.join(reference_dir, "kontum-admin-units.csv"),
                        ["code", "name", "type", "level", "parent_code"])
    _, successors = read_csv(os.path.join(reference_dir, "kontum-admin-units-2025-successors.csv"),
                             ["old_code", "new_code", "new_name", "effective_date"])

    provinces = [u for u in units if u["level"] == "1"]
    districts = [u for u in units if u["level"] == "2"]
    communes = [u for u in units if u["level"] == "3"]
    check(len(provinces) == 1 and provinces[0]["code"] == OLD_PROVINCE, "expected one province, code 62")
    check(len(districts) == EXPECTED_DISTRICTS, "expected %d districts, found %d" % (EXPECTED_DISTRICTS, len(districts)))
    check(len(communes) == EXPECTED_OLD_COMMUNES,
          "expected %d communes, found %d" % (EXPECTED_OLD_COMMUNES, len(communes)))
    check(len(units) == 1 + len(districts) + len(communes), "unexpected level in kontum-admin-units.csv")
    district_codes = {d["code"] for d in districts}
    for d in districts:
        check(d["parent_code"] == OLD_PROVINCE, "district %s has parent %s" % (d["code"], d["parent_code"]))
    for c in communes:
        check(c["parent_code"] in district_codes, "commune %s has unknown parent %s" % (c["code"], c["parent_code"]))
    check(len({u["code"] for u in units}) == len(units), "duplicate code in kontum-admin-units.csv")

    successor_of = {}
    for s in successors:
        check(s["effective_date"] == NEW_VALID_FROM, "successor row %s has date %s" % (s["old_code"], s["effective_date"]))
        check(s["old_code"] not in successor_of, "old code %s has two successors" % s["old_code"])
        successor_of[s["old_code"]] = s
    check(set(successor_of) == {c["code"] for c in communes} | {OLD_PROVINCE},
          "successor file does not cover exactly the communes and the province")
    check(successor_of[OLD_PROVINCE]["new_code"] == NEW_PROVINCE, "province successor is not 51")

    new_units = {}
    for old_code, s in successor_of.items():
        if old_code == OLD_PROVINCE:
            continue
        previous = new_units.setdefault(s["new_code"], s["new_name"])
        check(previous == s["new_name"], "new code %s has two names" % s["new_code"])

    # tinh.csv: the whole-country table, checked against the Kon Tum reference.
    tinh = build_tinh()
    rows_of = {(r["code"], r["valid_from"]): r for r in tinh}
    kon_tum = rows_of.get((OLD_PROVINCE, ""))
    check(kon_tum is not None and kon_tum["name"] == provinces[0]["name"] and kon_tum["successor"] == NEW_PROVINCE,
          "tinh table: row 62 disagrees with kontum-admin-units.csv or the successor file")
    quang_ngai = rows_of.get((NEW_PROVINCE, NEW_VALID_FROM))
    check(quang_ngai is not None and quang_ngai["name"] == successor_of[OLD_PROVINCE]["new_name"],
          "tinh table: new row 51 disagrees with the successor file")

    # huyen.csv
    huyen = []
    for d in districts:
        unit_type, bare = split_type(d["name"], d["type"])
        huyen.append({"code": d["code"], "name": d["name"], "valid_from": "", "valid_to": OLD_VALID_TO,
                      "successor": "", "aliases": join_aliases(place_aliases(d["name"], bare)),
                      "type": unit_type, "parent_code": d["parent_code"]})
    huyen.sort(key=code_sort_key)

    # xa.csv
    xa = []
    for c in communes:
        unit_type, bare = split_type(c["name"], c["type"])
        xa.append({"code": c["code"], "name": c["name"], "valid_from": "", "valid_to": OLD_VALID_TO,
                   "successor": successor_of[c["code"]]["new_code"],
                   "aliases": join_aliases(place_aliases(c["name"], bare)),
                   "type": unit_type, "parent_code": c["parent_code"]})
    for code, name in new_units.items():
        unit_type, bare = split_type(name)
        check(unit_type in ("Xã", "Phường"), "new unit %s has type %s" % (code, unit_type))
        xa.append({"code": code, "name": name, "valid_from": NEW_VALID_FROM, "valid_to": "",
                   "successor": "", "aliases": join_aliases(place_aliases(name, bare)),
                   "type": unit_type, "parent_code": NEW_PROVINCE})
    xa.sort(key=code_sort_key)

    # Checks on the result.
    check(len(xa) == EXPECTED_OLD_COMMUNES + len(new_units), "xa.csv row count")
    for name, rows in (("tinh.csv", tinh), ("huyen.csv", huyen), ("xa.csv", xa)):
        check_intervals(name, rows)
    new_rows = {r["code"] for r in xa if r["valid_from"] == NEW_VALID_FROM}
    for row in xa:
        if row["successor"]:
            check(row["successor"] in new_rows,
                  "xa.csv: successor %s of %s is not a unit valid from %s" % (row["successor"], row["code"], NEW_VALID_FROM))
    return tinh, huyen, xa, new_units


def build_ethnic(reference_dir):
    _, groups_2008 = read_csv(os.path.join(reference_dir, "ethnic-groups-2008.csv"),
                              ["code", "name", "aliases", "code_1979"])
    _, groups_1979 = read_csv(os.path.join(reference_dir, "ethnic-groups-1979.csv"),
                              ["code", "name", "code_2008"])
    check(len(groups_2008) == EXPECTED_ETHNIC_GROUPS, "ethnic-groups-2008.csv: expected 54 rows")
    check(len(groups_1979) == EXPECTED_ETHNIC_GROUPS, "ethnic-groups-1979.csv: expected 54 rows")

    by_2008 = {g["code"]: g for g in groups_2008}
    by_1979 = {g["code"]: g for g in groups_1979}
    check(len(by_2008) == EXPECTED_ETHNIC_GROUPS and len(by_1979) == EXPECTED_ETHNIC_GROUPS, "duplicate ethnic code")
    for g in groups_2008:
        other = by_1979.get(g["code_1979"])
        check(other is not None, "2008 code %s points to missing 1979 code %s" % (g["code"], g["code_1979"]))
        check(other["code_2008"] == g["code"], "crosswalk not symmetric at 2008 code %s" % g["code"])
        check(other["name"] == g["name"], "crosswalk names differ: %r / %r" % (g["name"], other["name"]))
    for g in groups_1979:
        check(g["code_2008"] in by_2008, "1979 code %s points to missing 2008 code %s" % (g["code"], g["code_2008"]))
    for label, by_code, expected in (("2008", by_2008, ETHNIC_CHECK_VALUES_2008), ("1979", by_1979, ETHNIC_CHECK_VALUES_1979)):
        for code, name in sorted(expected.items()):
            found = by_code.get(code, {}).get("name")
            check(found == name, "ethnic list %s: code %s is %r, expected %r" % (label, code, found, name))

    def aliases_for(name, reference_aliases):
        aliases = [a for a in reference_aliases.split("|") if a] if reference_aliases else []
        return join_aliases([a for a in dedup(aliases + [ascii_fold(name)]) if a != name])

    dan_toc = []
    for g in groups_2008:
        dan_toc.append({"code": g["code"], "name": g["name"], "valid_from": "", "valid_to": "", "successor": "",
                        "aliases": aliases_for(g["name"], g["aliases"]), "code_1979": g["code_1979"]})
    dan_toc.sort(key=code_sort_key)

    dan_toc_1979 = []
    for g in groups_1979:
        matching = by_2008[g["code_2008"]]
        dan_toc_1979.append({"code": g["code"], "name": g["name"], "valid_from": "", "valid_to": "", "successor": "",
                             "aliases": aliases_for(g["name"], matching["aliases"]), "code_2008": g["code_2008"]})
    dan_toc_1979.sort(key=code_sort_key)
    return dan_toc, dan_toc_1979


def main(argv=None):
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference_dir", nargs="?",
                        default=os.path.join(repo_root, os.pardir, "shared", "reference"),
                        help="folder with the reference CSVs (default: ../shared/reference from the repo root)")
    parser.add_argument("--out", default=os.path.join(repo_root, "pipelines", "catalogs"),
                        help="output folder (default: pipelines/catalogs in the repo)")
    args = parser.parse_args(argv)
    reference_dir = os.path.normpath(args.reference_dir)
    out_dir = os.path.normpath(args.out)

    if not os.path.isdir(reference_dir):
        print("build-catalogs: reference folder not found: %s" % reference_dir, file=sys.stderr)
        return 2
    try:
        tinh, huyen, xa, new_units = build_admin(reference_dir)
        dan_toc, dan_toc_1979 = build_ethnic(reference_dir)
        admin_columns = BASE_COLUMNS + ["type", "parent_code"]
        outputs = [
            ("tinh.csv", BASE_COLUMNS + ["cccd_prefix"], tinh),
            ("huyen.csv", admin_columns, huyen),
            ("xa.csv", admin_columns, xa),
            ("dan-toc.csv", BASE_COLUMNS + ["code_1979"], dan_toc),
            ("dan-toc-1979.csv", BASE_COLUMNS + ["code_2008"], dan_toc_1979),
        ]
        rendered = [(name, render_csv(header, rows), len(rows)) for name, header, rows in outputs]
    except CheckError as error:
        print("build-catalogs: check failed: %s" % error, file=sys.stderr)
        return 1

    os.makedirs(out_dir, exist_ok=True)
    for name, data, count in rendered:
        with open(os.path.join(out_dir, name), "wb") as handle:
            handle.write(data)
        print("%-18s %4d rows" % (name, count))
    print("tinh.csv: %d old provinces + %d new provinces" % (EXPECTED_OLD_PROVINCES, EXPECTED_NEW_PROVINCES))
    print("xa.csv: %d old communes + %d new communes" % (EXPECTED_OLD_COMMUNES, len(new_units)))

    for key, pair in ambiguous_names(xa):
        print("note: xa.csv name/alias %r means both %s and %s in the same period" % (key, pair[0], pair[1]),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
