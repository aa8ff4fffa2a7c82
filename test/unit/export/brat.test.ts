import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { bratFragments } from "@/lib/export/brat";
import { annotationConf, bratType } from "@/lib/export/brat-conf";
import { formatNote } from "@/lib/export/brat-notes";
import type { ExportAnnotation } from "@/lib/export/types";
import { sliceCodePoints } from "@/lib/text/code-points";
import { collect, LABELS } from "./fixture-corpus";
import { pythonSplitlines, unzip, utf8Text } from "./read-back";

function span(text: string, start: number, end: number): ExportAnnotation {
  const date = new Date(0);
  return {
    id: "a", documentId: "d", label: LABELS.actor, start, end, exact: sliceCodePoints(text, start, end), prefix: "", suffix: "", attributes: {},
    status: "accepted", version: 1, author: { id: "u", name: "U", email: "u@example.org" }, createdAt: date, updatedAt: date, review: null,
  };
}

describe("brat standoff rules", () => {
  it("splits a span at every character Python's splitlines() breaks on, joining fragment texts with one space", () => {
    const text = "a😀b\nc\u2028d\u0085e\n\nf";
    expect(bratFragments(span(text, 0, 12))).toEqual({ spans: [[0, 3], [4, 5], [6, 7], [8, 9], [11, 12]], text: "a😀b c d e f", trimmed: false });
    expect(bratFragments(span(text, 2, 4))).toEqual({ spans: [[2, 3]], text: "b", trimmed: true });
    expect(bratFragments(span(text, 9, 11))).toBeNull();
    expect(bratFragments(span(text, 5, 5))).toEqual({ spans: [[5, 5]], text: "", trimmed: false });
  });

  it("writes notes that stay on one line and read back unambiguously", () => {
    expect(formatNote({ value: 6000, qualifier: "more than", unit: "fighters" })).toBe("value=6000; qualifier=more than; unit=fighters");
    expect(formatNote({ source: { annotationId: "ann-1" }, note: "a; b = c\u2028d", n: "6000", ok: true, list: [1, "x"] })).toBe(
      'source.annotationId=ann-1; note="a; b = c\\u2028d"; n="6000"; ok=true; list=[1,"x"]',
    );
    expect(formatNote({ "free text": " padded", weird: "-5 people", empty: "" })).toBe('"free text"=" padded"; weird="-5 people"; empty=""');
    expect(formatNote({})).toBe("");
  });

  it("maps label names to brat's storage form", () => {
    expect(["Casualty figure", "موقع", "2024 list", "Ünïcode-ok_1", "a/b|c"].map(bratType)).toEqual(["Casualty_figure", "Label", "L_2024_list", "Unicode-ok_1", "a_b_c"]);
  });

  it("allows every overlap and declares the claim-source relation and attributes", () => {
    const conf = annotationConf([
      { label: LABELS.claim, type: "Claim" },
      { label: LABELS.actor, type: "Actor" },
    ]);
    expect(conf).toContain("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>");
    expect(conf).toContain("Claim_source\tArg1:Claim, Arg2:Actor");
    expect(conf).toContain("Reporting\tArg:Claim, Value:asserted|reported|alleged|denied");
    expect(conf).not.toContain("Qualifier");
  });

  it("zips one collection folder: texts and .ann files per document, then the configuration and the manifest", async () => {
    const files = unzip(await collect(WRITERS.brat));
    expect([...files.keys()]).toEqual([
      "borderlands-monitor/kabul-report-more-than-6-000-fighters-doc-kabul-1.txt",
      "borderlands-monitor/kabul-report-more-than-6-000-fighters-doc-kabul-1.ann",
      "borderlands-monitor/document-doc-ar-2.txt",
      "borderlands-monitor/document-doc-ar-2.ann",
      "borderlands-monitor/empty-notes-doc-empty-3.txt",
      "borderlands-monitor/empty-notes-doc-empty-3.ann",
      "borderlands-monitor/annotation.conf",
      "borderlands-monitor/visual.conf",
      "borderlands-monitor/manifest.json",
    ]);
    const ann = utf8Text(files.get("borderlands-monitor/kabul-report-more-than-6-000-fighters-doc-kabul-1.ann"));
    const lines = pythonSplitlines(ann);
    expect(lines).toContain("T9\tClaim 94 113;114 161\tMinistry of Defence reported between 2,500 and 8,500 civilians fled");
    expect(lines).toContain("A5\tQualifier T4 more_than");
    expect(lines).toContain("#4\tAnnotatorNotes T4\tvalue=6000; qualifier=more than; unit=fighters; parsed=true");
    expect(lines.at(-1)).toBe("R1\tClaim_source Arg1:T3 Arg2:T2");
    // Every line is ID TAB …, with IDs unique per file.
    const ids = lines.map((l) => l.split("\t")[0]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^([TAR#])[0-9]+$/);
    const manifest = JSON.parse(utf8Text(files.get("borderlands-monitor/manifest.json")));
    expect(manifest.details.labelTypes).toEqual({ Claim: "Claim", Actor: "Actor", "Casualty figure": "Casualty_figure", "موقع <place>": "place" });
    expect(manifest.totals).toEqual({ documents: 3, annotations: 20, trimmed: 1, skipped: 1 });
  });
});
