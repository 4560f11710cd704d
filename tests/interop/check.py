#!/usr/bin/python3
"""Interop checks of powstat's machine outputs (run by run.sh).

  check.py MODE DIR HERE

DIR holds NAME.csv, NAME.tsv, NAME.json (NAME.jsonl for batch), NAME.md
for every case of HERE/cases.txt, and for MODE r the NAME.r files written by
check.R.  Modes:
  json      each JSON document against HERE/schemas/NAME.json (the subset of
            JSON Schema 2020-12 that validate() implements, plus the column
            order: a row's keys are its "required" list in order), and each
            row equal to the CSV row: same header, every number read back
            from the CSV text is the same double (round-trip), null is an
            empty cell (or inf/-inf for an unbounded limit, see compare).
  pandas    pandas.read_csv with its defaults: the header is the schema's
            columns, number columns have a numeric dtype and string columns
            object dtype, missing is NaN; values equal the JSON's (exactly
            with float_precision="round_trip"; to PANDAS_DEFAULT_REL with the
            default parser, which drops digits of small fractions); the TSV reads to the same frame.
  r         R's read.csv (check.R's report): number columns numeric or
            integer, missing is NA, values equal the JSON's to 2 ulp.
  markdown  every --format markdown output is GitHub pipe tables: a header,
            a |---| separator row with alignment colons only, the same cell
            count on every row, no raw '|' inside a cell.
Only the standard library is needed except for mode pandas.
"""
import csv, json, math, os, re, sys

mode, out, here = sys.argv[1:4]
failures = []


def fail(msg):
    failures.append(msg)


# ---- a small JSON Schema validator (type, const, enum, required,
# properties, additionalProperties, items, $ref to #/$defs) ----
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def validate(v, s, root, path, errs):
    if "$ref" in s:
        ref = s["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return validate(v, root["$defs"][ref[8:]], root, path, errs)
    if "type" in s:
        ts = s["type"] if isinstance(s["type"], list) else [s["type"]]
        if not any(TYPES[t](v) for t in ts):
            errs.append("%s: %r is not %s" % (path, v, "/".join(ts)))
            return
    if "const" in s and v != s["const"]:
        errs.append("%s: %r is not %r" % (path, v, s["const"]))
    if "enum" in s and v not in s["enum"]:
        errs.append("%s: %r not in %r" % (path, v, s["enum"]))
    # NaN never; an infinity only where the schema documents its spelling
    # (batch json-lines writes an unbounded limit as 1e999)
    if isinstance(v, float) and (math.isnan(v) or (math.isinf(v) and "x-infinity" not in root)):
        errs.append("%s: non-finite number %r" % (path, v))
    if isinstance(v, dict):
        req = s.get("required", [])
        for k in req:
            if k not in v:
                errs.append("%s: missing %r" % (path, k))
        props = s.get("properties", {})
        # powstat's rows are table rows: the keys come in column order
        if s.get("additionalProperties") is False and list(v.keys()) != req:
            errs.append("%s: keys %r are not the columns %r in order" % (path, list(v.keys()), req))
        for k, x in v.items():
            if k in props:
                validate(x, props[k], root, path + "." + k, errs)
            else:
                ap = s.get("additionalProperties", True)
                if ap is False:
                    errs.append("%s: unexpected key %r" % (path, k))
                elif isinstance(ap, dict):
                    validate(x, ap, root, path + "." + k, errs)
    if isinstance(v, list) and "items" in s:
        for i, x in enumerate(v):
            validate(x, s["items"], root, "%s[%d]" % (path, i), errs)


def reject_constants(c):
    raise ValueError("non-standard JSON constant " + c)


def cases():
    for line in open(os.path.join(here, "cases.txt")):
        if line.startswith("#") or not line.strip():
            continue
        name, formats = line.split()[:2]
        yield name, formats


def load_json(name, formats):
    """(schema, row schema, rows) of a case; validates the document."""
    schema = json.load(open(os.path.join(here, "schemas", name + ".json")))
    errs = []
    if "l" in formats:
        rows = []
        for i, line in enumerate(open(os.path.join(out, name + ".jsonl")), 1):
            r = json.loads(line, parse_constant=reject_constants)
            validate(r, schema, schema, "%s.jsonl:%d" % (name, i), errs)
            rows.append(r)
        rowschema = schema
    else:
        text = open(os.path.join(out, name + ".json")).read()
        doc = json.loads(text, parse_constant=reject_constants)
        validate(doc, schema, schema, name + ".json", errs)
        rows = doc.get("rows", [])
        rowschema = schema["$defs"]["row"]
    for e in errs[:10]:
        fail(e)
    if not rows:
        fail("%s: no rows (a case must show data)" % name)
    return rowschema, rows


def coltype(rowschema, col):
    t = rowschema["properties"][col]["type"]
    ts = set(t if isinstance(t, list) else [t]) - {"null"}
    return "number" if ts <= {"number", "integer"} else "string"


def same_number(a, b, ulps, rel=0.0):
    if a == b:
        return True
    tol = max(ulps * math.ulp(max(abs(a), abs(b))), rel * abs(b))
    return abs(a - b) <= tol


# pandas' default parser (float_precision=None) keeps 17 digits counting the
# leading zeros of a fraction, so 0.00034166666666666666 reads as
# 0.0003416666666666: measured relative errors up to 5.6e-13 on these
# outputs.  Exact reading needs float_precision="round_trip" (README).
PANDAS_DEFAULT_REL = 1e-11


def check_json():
    for name, formats in cases():
        if "j" not in formats and "l" not in formats:
            continue
        rowschema, rows = load_json(name, formats)
        with open(os.path.join(out, name + ".csv"), newline="") as f:
            recs = list(csv.reader(f))
        header, data = recs[0], recs[1:]
        if header != rowschema["required"]:
            fail("%s.csv: header %r is not the schema's columns" % (name, header))
            continue
        if len(data) != len(rows):
            fail("%s: %d CSV rows, %d JSON rows" % (name, len(data), len(rows)))
            continue
        for i, (rec, row) in enumerate(zip(data, rows), 2):
            for col, cell in zip(header, rec):
                v = row[col]
                where = "%s.csv:%d: %s" % (name, i, col)
                if v is None:
                    if cell not in ("", "inf", "-inf"):
                        fail("%s: JSON null but CSV %r" % (where, cell))
                elif coltype(rowschema, col) == "number":
                    try:
                        x = float(cell)
                    except ValueError:
                        fail("%s: %r is not a number" % (where, cell))
                        continue
                    if x != v:
                        fail("%s: CSV %r != JSON %r (not round-trip)" % (where, cell, v))
                elif cell != v:
                    fail("%s: CSV %r != JSON %r" % (where, cell, v))
        print("json %s: %d rows valid" % (name, len(rows)))


def check_pandas():
    import numpy as np
    import pandas as pd
    for name, formats in cases():
        if "c" not in formats:
            continue
        rowschema, rows = load_json(name, formats)
        path = os.path.join(out, name + ".csv")
        df = pd.read_csv(path)
        exact = pd.read_csv(path, float_precision="round_trip")
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        if list(df.columns) != rowschema["required"]:
            fail("%s.csv: pandas columns %r" % (name, list(df.columns)))
            continue
        for col in df.columns:
            kind = df[col].dtype.kind
            dcol, ecol, rcol = df[col].tolist(), exact[col].tolist(), raw[col].tolist()
            if coltype(rowschema, col) == "number":
                if kind not in "fiu":
                    fail("%s.csv: number column %s read as dtype %s" % (name, col, df[col].dtype))
                    continue
                for i, v in enumerate(r[col] for r in rows):
                    a, b = dcol[i], ecol[i]
                    if v is None:
                        if not (np.isnan(a) or np.isinf(a)):
                            fail("%s.csv row %d %s: null read as %r" % (name, i + 1, col, a))
                    elif not same_number(float(b), v, 0) or not same_number(float(a), v, 0, PANDAS_DEFAULT_REL):
                        fail("%s.csv row %d %s: read %r / %r, JSON %r" % (name, i + 1, col, a, b, v))
            else:
                # text: pandas may infer numbers for numeric-looking text
                # (an id like 1941), but the raw cells are the JSON strings
                for i, v in enumerate(r[col] for r in rows):
                    cell = rcol[i]
                    if (v is None and cell != "") or (v is not None and cell != v):
                        fail("%s.csv row %d %s: %r, JSON %r" % (name, i + 1, col, cell, v))
                    if v is None and not pd.isna(dcol[i]):
                        fail("%s.csv row %d %s: missing not read as NaN" % (name, i + 1, col))
        if "t" in formats:
            tsv = pd.read_csv(os.path.join(out, name + ".tsv"), sep="\t")
            if not tsv.equals(df):
                fail("%s.tsv does not read to the same frame as %s.csv" % (name, name))
        print("pandas %s: %d rows x %d columns, dtypes ok" % (name, len(df), len(df.columns)))


def check_r():
    for name, formats in cases():
        if "c" not in formats:
            continue
        rowschema, rows = load_json(name, formats)
        rep = [l.rstrip("\n").split("\t") for l in open(os.path.join(out, name + ".r"))]
        cols = [r[0] for r in rep]
        if cols != rowschema["required"]:
            fail("%s.csv: R names %r" % (name, cols))
            continue
        for col, cls, *vals in rep:
            if len(vals) != len(rows):
                fail("%s.csv: R read %d rows of %s, JSON has %d" % (name, len(vals), col, len(rows)))
                continue
            if coltype(rowschema, col) == "number":
                if cls not in ("numeric", "integer", "logical"):
                    fail("%s.csv: number column %s read by R as %s" % (name, col, cls))
                    continue
                for i, (s, r) in enumerate(zip(vals, rows)):
                    v = r[col]
                    if v is None:
                        if s not in ("NA", "Inf", "-Inf"):
                            fail("%s.csv row %d %s: null read by R as %s" % (name, i + 1, col, s))
                    elif s == "NA" or not same_number(float(s), v, 2):
                        fail("%s.csv row %d %s: R read %s, JSON %r" % (name, i + 1, col, s, v))
            else:
                for i, (s, r) in enumerate(zip(vals, rows)):
                    v = r[col]
                    if v is None and s not in ("NA", ""):
                        fail("%s.csv row %d %s: missing read by R as %r" % (name, i + 1, col, s))
        print("R %s: %d columns, classes ok" % (name, len(rep)))


def check_markdown():
    sep = re.compile(r"^\|( *:?-+:? *\|)+$")
    for name, formats in cases():
        if "m" not in formats:
            continue
        lines = open(os.path.join(out, name + ".md"), encoding="utf-8").read().split("\n")
        ntables, i = 0, 0
        while i < len(lines):
            if not lines[i].startswith("|"):
                i += 1
                continue
            block = []
            while i < len(lines) and lines[i].startswith("|"):
                block.append(lines[i])
                i += 1
            ntables += 1
            cells = [len(re.findall(r"(?<!\\)\|", l)) - 1 for l in block]
            if len(block) < 3 or not sep.match(block[1]):
                fail("%s.md: table %d has no header and |---| separator" % (name, ntables))
            if any(not l.rstrip().endswith("|") for l in block):
                fail("%s.md: table %d has a row not ending in |" % (name, ntables))
            if len(set(cells)) != 1:
                fail("%s.md: table %d rows have %s cells" % (name, ntables, sorted(set(cells))))
        if ntables == 0:
            fail("%s.md: no table" % name)
        print("markdown %s: %d table(s) well-formed" % (name, ntables))


{"json": check_json, "pandas": check_pandas, "r": check_r, "markdown": check_markdown}[mode]()
for f in failures[:40]:
    print("FAIL", f)
if len(failures) > 40:
    print("... and %d more" % (len(failures) - 40))
sys.exit(1 if failures else 0)
