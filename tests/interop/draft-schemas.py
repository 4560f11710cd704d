#!/usr/bin/python3
"""Draft tests/interop/schemas/NAME.json from real JSON outputs (a starting
point, reviewed by hand before committing; rerun when a command gains
columns):  draft-schemas.py DIR   (DIR holds NAME.json / NAME.jsonl, e.g. the
outputs of cases.txt).

A column's type is the union, over every case of the same command, of the
types seen: "integer" only for counts (COUNTS below), else "number";
"string"; nullable ("null") when any case shows null.  Column order is the
CSV header order, so "required" lists the columns in order and the
validator (check.py) checks that order."""
import glob, json, os, sys

COUNTS = {"deaths", "captured", "deaths1", "n1", "deaths2", "n2", "captured2",
          "count", "count_a", "count_b", "stated_total", "parts_sum", "df",
          "draws", "undefined", "clamped", "n", "bootstrap", "person_days"}
COUNTS_BY_CMD = {"outcomes": {"difference"}}
# nullable although the bundled data never show it (documented cases):
# outcomes "incomplete" (a part without a count) and "no-total" tables
NULLABLE = {"outcomes": {"count", "share", "stated_total", "parts_sum", "difference",
                         "computed_pct", "total_check"}}

# closed vocabularies (the commands' --help texts)
PROP_METHODS = ["wald", "wilson", "wilson-cc", "agresti-coull", "jeffreys",
                "clopper-pearson", "mid-p", "lr"]
ENUMS = {
    "rates": {"method": PROP_METHODS, "sides": ["two", "lower", "upper"],
              "disagree": ["yes", "no"]},
    "compare": {"measure": ["diff", "ratio", "odds-ratio", "rate-ratio"],
                "status": ["ok", "undefined"], "interval": ["sampling"]},
    "outcomes": {"role": ["part", "detail"], "method": ["goodman", "qh", "sison-glaz",
                 "wilson-bonferroni"], "pct_check": ["ok", "mismatch"],
                 "total_check": ["ok", "mismatch", "no-total", "incomplete"]},
    "batch": {"kind": ["rate", "compare"], "status": ["ok", "undefined", "noconv", "error"],
              "sides": ["two", "lower", "upper"], "measure": ["diff", "ratio", "odds-ratio"]},
    "simulate": {"output": ["mortality", "ratio", "difference", "p_ratio_gt"]},
    "sensitivity": {"flag": ["ok", "negative", "unconverged"], "measure": ["ratio", "difference"]},
    "audit": {"verdict": ["consistent", "slip", "mismatch", "unchecked"],
              "origin": ["printed", "compiled"]},
}

def dump(schema):
    """JSON with one line per column, so that a diff shows what changed."""
    def enc(v, ind):
        if isinstance(v, dict) and v and not all(isinstance(x, dict) and set(x) <= {"type", "enum"}
                                                for x in v.values()):
            items = [" " * (ind + 2) + json.dumps(k) + ": " + enc(x, ind + 2) for k, x in v.items()]
            return "{\n" + ",\n".join(items) + "\n" + " " * ind + "}"
        if isinstance(v, dict) and v:  # properties: one column a line
            items = [" " * (ind + 2) + json.dumps(k) + ": " + json.dumps(x) for k, x in v.items()]
            return "{\n" + ",\n".join(items) + "\n" + " " * ind + "}"
        return json.dumps(v)
    return enc(schema, 0) + "\n"

def load(path):
    if path.endswith(".jsonl"):
        return "batch", {}, [json.loads(l) for l in open(path)]
    d = json.load(open(path))
    return d["command"], {k: v for k, v in d.items() if k != "rows"}, d["rows"]

cases = {}
for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.json*"))):
    name = os.path.basename(p).rsplit(".", 1)[0]
    cases[name] = load(p)
seen = {}
for name, (cmd, meta, rows) in cases.items():
    for r in rows:
        for k, v in r.items():
            s = seen.setdefault((cmd, k), set())
            s.add("null" if v is None else "string" if isinstance(v, str) else "number")
for name, (cmd, meta, rows) in cases.items():
    cols = list(rows[0].keys())
    props = {}
    for c in cols:
        t = seen[(cmd, c)]
        base = [x for x in ("string", "number") if x in t]
        if not base:
            base = ["number"]  # only ever null here: review by hand
        if base == ["number"] and (c in COUNTS or c in COUNTS_BY_CMD.get(cmd, ())):
            base = ["integer"]
        if "null" in t or c in NULLABLE.get(cmd, ()):
            base.append("null")
        props[c] = {"type": base[0] if len(base) == 1 else base}
        if c in ENUMS.get(cmd, {}):
            props[c]["enum"] = ENUMS[cmd][c] + ([None] if "null" in base else [])
    row = {"type": "object", "required": cols, "additionalProperties": False,
           "properties": props}
    if cmd == "batch":
        schema = dict({"$schema": "https://json-schema.org/draft/2020-12/schema",
                       "title": "powstat batch --format json-lines: one object per line",
                       "x-infinity": "an unbounded limit or x/0 estimate is written 1e999"}, **row)
    else:
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "powstat %s --format json (case %s)" % (cmd, name),
                  "type": "object",
                  "required": ["command", "powstat_version", "rows"],
                  "properties": {"command": {"const": cmd},
                                 "powstat_version": {"type": "string"},
                                 "rows": {"type": "array", "items": {"$ref": "#/$defs/row"}}},
                  "additionalProperties": {"type": "string"},
                  "$defs": {"row": row}}
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas", name + ".json"), "w") as f:
        f.write(dump(schema))
