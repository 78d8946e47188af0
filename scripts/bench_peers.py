"""The benchmark job, done by a peer tool (see scripts/bench-peers). Prints per-rule counts as JSON."""
import csv, gzip, json, os, sys


def catalog(folder, name):
    with open(os.path.join(folder, name + ".csv"), encoding="utf-8") as f:
        return sorted({row["code"] for row in csv.DictReader(f)})


def with_polars(path, out, catalogs):
    import polars as pl
    communes, ethnic = catalog(catalogs, "xa"), catalog(catalogs, "dan-toc")
    df = pl.read_csv(path, infer_schema_length=0)  # every column as text
    df = df.with_columns(pl.all().str.strip_chars().str.normalize("NFC"))
    birth = pl.col("NGAY_SINH").str.to_date("%d/%m/%Y", strict=False)
    updated = pl.col("NGAY_CAP_NHAT").str.to_date("%d/%m/%Y", strict=False)
    df = df.with_columns(birth.alias("_birth"), updated.alias("_updated"))
    rules = {
        "required": pl.any_horizontal([pl.col(c).is_null() | (pl.col(c) == "")
                                       for c in ["MA_HO", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "SO_DINH_DANH", "MA_XA", "LOAI_HO", "NGAY_CAP_NHAT"]]),
        "pattern": ~pl.col("SO_DINH_DANH").str.contains(r"^[0-9]{12}$").fill_null(False),
        "enum": ~pl.col("GIOI_TINH").is_in(["1", "2"]) | ~pl.col("LOAI_HO").is_in(["1", "2"]),
        "code-list": ~pl.col("MA_XA").is_in(communes) | ~pl.col("MA_DAN_TOC").is_in(ethnic),
        "date": pl.col("_birth").is_null() | pl.col("_updated").is_null(),
    }
    df = df.with_columns([expr.fill_null(True).alias("_" + name) for name, expr in rules.items()])
    bad = pl.any_horizontal([pl.col("_" + name) for name in rules])
    df = df.with_columns(bad.alias("_bad"))
    # Once only: the first row in file order owns a key, whatever its other defects; every later
    # row with the key is a duplicate.
    df = df.with_row_index("_row")
    keyed = pl.col("SO_DINH_DANH").is_not_null() & (pl.col("SO_DINH_DANH") != "")
    first = df.filter(keyed).group_by("SO_DINH_DANH").agg(pl.col("_row").min().alias("_first"))
    df = df.join(first, on="SO_DINH_DANH", how="left")
    df = df.with_columns((pl.col("_first").is_not_null() & (pl.col("_row") != pl.col("_first"))).alias("_unique")).sort("_row")
    df = df.with_columns((pl.col("_bad") | pl.col("_unique")).alias("_reject"))
    counts = {name: int(df["_" + name].sum()) for name in list(rules) + ["unique"]}
    valid = df.filter(~pl.col("_reject")).with_columns(
        pl.col("_birth").dt.strftime("%Y-%m-%d").alias("NGAY_SINH"), pl.col("_updated").dt.strftime("%Y-%m-%d").alias("NGAY_CAP_NHAT"))
    columns = [c for c in df.columns if not c.startswith("_")]
    os.makedirs(out, exist_ok=True)
    with gzip.open(os.path.join(out, "valid.csv.gz"), "wb", compresslevel=6) as f:
        valid.select(columns).write_csv(f)
    df.filter(pl.col("_reject")).select(columns).write_csv(os.path.join(out, "rejects.csv"))
    counts["valid"], counts["rejected"] = valid.height, df.height - valid.height
    return counts


def with_duckdb(path, out, catalogs):
    import duckdb
    communes, ethnic = catalog(catalogs, "xa"), catalog(catalogs, "dan-toc")
    con = duckdb.connect()
    con.execute("CREATE TABLE communes AS SELECT unnest(?) AS code", [communes])
    con.execute("CREATE TABLE ethnic AS SELECT unnest(?) AS code", [ethnic])
    columns = ["MA_HO", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "MA_DAN_TOC", "SO_DINH_DANH", "QUAN_HE", "MA_XA", "TEN_XA",
               "DIA_CHI", "DIEN_THOAI", "LOAI_HO", "NAM_RA_SOAT", "NGAY_CAP_NHAT"]
    clean = ", ".join(f"nfc_normalize(trim({c})) AS {c}" for c in columns)
    con.execute(f"CREATE TABLE raw AS SELECT row_number() OVER () AS _row, {clean} FROM read_csv('{path}', all_varchar=true, header=true)")
    required = " OR ".join(f"coalesce({c}, '') = ''" for c in ["MA_HO", "HO_TEN", "NGAY_SINH", "GIOI_TINH", "SO_DINH_DANH", "MA_XA", "LOAI_HO", "NGAY_CAP_NHAT"])
    con.execute(f"""
        CREATE TABLE checked AS SELECT *,
          ({required}) AS _required,
          NOT coalesce(regexp_full_match(SO_DINH_DANH, '[0-9]{{12}}'), false) AS _pattern,
          (coalesce(GIOI_TINH, '') NOT IN ('1', '2') OR coalesce(LOAI_HO, '') NOT IN ('1', '2')) AS _enum,
          (MA_XA NOT IN (SELECT code FROM communes) OR MA_DAN_TOC NOT IN (SELECT code FROM ethnic)) IS NOT FALSE AS _code_list,
          (try_strptime(NGAY_SINH, '%d/%m/%Y') IS NULL OR try_strptime(NGAY_CAP_NHAT, '%d/%m/%Y') IS NULL) AS _date
        FROM raw""")
    con.execute("""
        CREATE TABLE judged AS SELECT *, (_required OR _pattern OR _enum OR _code_list OR _date) AS _bad FROM checked""")
    con.execute("""
        CREATE TABLE final AS SELECT j.*, coalesce(j._row <> f._first, false) AS _unique,
          (j._bad OR coalesce(j._row <> f._first, false)) AS _reject
        FROM judged j LEFT JOIN (SELECT SO_DINH_DANH, min(_row) AS _first FROM judged WHERE coalesce(SO_DINH_DANH, '') <> '' GROUP BY 1) f
          USING (SO_DINH_DANH)
        ORDER BY j._row""")
    counts = {name: con.execute(f"SELECT count(*) FROM final WHERE _{name.replace('-', '_')}").fetchone()[0]
              for name in ["required", "pattern", "enum", "code-list", "date", "unique"]}
    os.makedirs(out, exist_ok=True)
    select = ", ".join("strftime(try_strptime(%s, '%%d/%%m/%%Y'), '%%Y-%%m-%%d') AS %s" % (c, c) if c in ("NGAY_SINH", "NGAY_CAP_NHAT") else c
                       for c in columns)
    con.execute(f"COPY (SELECT {select} FROM final WHERE NOT _reject ORDER BY _row) TO '{out}/valid.csv.gz' (HEADER, COMPRESSION gzip)")
    con.execute(f"COPY (SELECT {', '.join(columns)} FROM final WHERE _reject ORDER BY _row) TO '{out}/rejects.csv' (HEADER)")
    counts["rejected"] = con.execute("SELECT count(*) FROM final WHERE _reject").fetchone()[0]
    counts["valid"] = con.execute("SELECT count(*) FROM final WHERE NOT _reject").fetchone()[0]
    return counts


if __name__ == "__main__":
    tool, path, out, catalogs = sys.argv[1:5]
    counts = {"polars": with_polars, "duckdb": with_duckdb}[tool](path, out, catalogs)
    print(json.dumps(counts, sort_keys=True))
