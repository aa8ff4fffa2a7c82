import { ZodError } from "zod";
import { describe, expect, it } from "vitest";
import { parseExportQuery } from "@/lib/export/export-query";

const parse = (query: string) => parseExportQuery(new URLSearchParams(query));

describe("the export query's signedOff filter", () => {
  it("is set by true only; false, an empty value or none is no filter", () => {
    expect(parse("format=jsonl&signedOff=true").filters).toEqual({ signedOff: true });
    for (const query of ["format=jsonl&signedOff=false", "format=jsonl&signedOff=", "format=jsonl"]) expect(parse(query).filters, query).toEqual({});
  });

  it("combines with the other filters", () => {
    expect(parse("format=w3c&signedOff=true&status=accepted&q=border&documents=a,b").filters).toEqual({
      signedOff: true,
      statuses: ["accepted"],
      q: "border",
      documentIds: ["a", "b"],
    });
  });

  it("refuses anything else, saying what it takes", () => {
    for (const value of ["maybe", "TRUE", "1", "yes"]) {
      expect(() => parse(`format=jsonl&signedOff=${value}`), value).toThrow(ZodError);
      expect(() => parse(`format=jsonl&signedOff=${value}`)).toThrow(/signedOff must be true or false/);
    }
  });
});
