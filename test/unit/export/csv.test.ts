import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { CSV_COLUMNS, csvCell } from "@/lib/export/csv";
import { collect } from "./fixture-corpus";
import { parseCsv, unzip, utf8Text } from "./read-back";

describe("csv", () => {
  it("quotes per RFC 4180 and guards text that a spreadsheet would run as a formula", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(["=SUM(A1)", "+1", "-5 people", "@cmd", "\tx", "\rx"].map(csvCell)).toEqual(["'=SUM(A1)", "'+1", "'-5 people", "'@cmd", "'\tx", "\"'\rx\""]);
    expect([-5, 2.5, true, null, undefined, ""].map(csvCell)).toEqual(["-5", "2.5", "true", "", "", ""]);
  });

  it("writes figure fields and claim attribution, with the source entity's quote", async () => {
    const files = unzip(await collect(WRITERS.csv));
    const [header, ...rows] = parseCsv(utf8Text(files.get("borderlands-monitor/annotations.csv")).slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    const byId = new Map(rows.map((r) => [r[2], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    expect(byId.get("ann-09")).toMatchObject({ figure_low: "2500", figure_high: "8500", figure_qualifier: "range", figure_unit: "civilians", figure_as_of: "2024-05-31" });
    expect(byId.get("ann-02")).toMatchObject({ claim_source: "Officials", claim_source_annotation_id: "ann-01", claim_reliability: "B", claim_credibility: "2" });
    expect(byId.get("ann-08")).toMatchObject({ claim_source: "'=Ministry of Defence", claim_reporting: "alleged" });
    expect(byId.get("ann-27")).toMatchObject({ claim_source: "", claim_source_annotation_id: "ann-not-exported", status: "rejected" });
    expect(byId.get("ann-02")!.link).toBe("https://tracewell.example/api/v1/annotations/ann-02");
    const manifest = JSON.parse(utf8Text(files.get("borderlands-monitor/manifest.json")));
    expect(manifest.totals).toEqual({ documents: 3, annotations: 20, rows: 7 });
  });
});
