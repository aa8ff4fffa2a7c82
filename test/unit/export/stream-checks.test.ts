import { afterEach, describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { ExportStreamError } from "@/lib/export/events";
import type { ExportEvent } from "@/lib/export/types";
import { CONTEXT, collect, corpus, events } from "./fixture-corpus";

/** Writers refuse a stream that would make a lying export, and zips do not depend on the time zone. */

async function* from(list: ExportEvent[]): AsyncGenerator<ExportEvent> {
  yield* list;
}

describe("stream checks", () => {
  const [first] = corpus();
  const doc = first!.document;
  const annotation = first!.annotations[1]!;

  it.each([
    ["an annotation before any document", [{ type: "annotation", annotation }]],
    ["an annotation of another document", [{ type: "document", document: doc }, { type: "annotation", annotation: { ...annotation, documentId: "other" } }]],
    ["a quote that is not the slice", [{ type: "document", document: doc }, { type: "annotation", annotation: { ...annotation, exact: "Officialz" } }]],
    ["offsets counted in UTF-16", [{ type: "document", document: doc }, { type: "annotation", annotation: { ...annotation, start: annotation.start + 1, end: annotation.end + 1 } }]],
    ["a range past the end", [{ type: "document", document: doc }, { type: "annotation", annotation: { ...annotation, end: doc.length + 1 } }]],
    ["a wrong document length", [{ type: "document", document: { ...doc, length: doc.length - 1 } }]],
  ] as [string, ExportEvent[]][])("refuses %s", async (_, list) => {
    for (const writer of Object.values(WRITERS)) await expect(collect(writer, CONTEXT, from(list))).rejects.toThrow(ExportStreamError);
  });

  it("writes a valid, empty export for an empty stream", async () => {
    const jsonl = (await collect(WRITERS.jsonl, CONTEXT, from([]))).toString("utf8").trimEnd().split("\n");
    expect(jsonl.map((l) => JSON.parse(l).type)).toEqual(["manifest", "end"]);
    const w3c = JSON.parse((await collect(WRITERS.w3c, CONTEXT, from([]))).toString("utf8"));
    expect([w3c.total, w3c.first.items]).toEqual([0, []]);
  });
});

describe("zip determinism", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = zone;
  });

  it("gives the same bytes in any server time zone", async () => {
    const outputs = [];
    for (const tz of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles"]) {
      process.env.TZ = tz;
      outputs.push(await collect(WRITERS.brat, CONTEXT, events()));
    }
    expect(Buffer.compare(outputs[0]!, outputs[1]!)).toBe(0);
    expect(Buffer.compare(outputs[0]!, outputs[2]!)).toBe(0);
  });
});
