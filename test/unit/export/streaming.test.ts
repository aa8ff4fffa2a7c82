import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import type { ExportAnnotation, ExportEvent } from "@/lib/export/types";
import { CodePointIndex, codePointLength } from "@/lib/text/code-points";
import { sha256Hex } from "@/lib/text/hash";
import { CONTEXT, LABELS } from "./fixture-corpus";

/**
 * The writers stream: 200,000 annotations over one document go in, and output comes out long
 * before the input ends, in many chunks — so nothing holds the whole export (the route's
 * backpressure then keeps memory flat). Counts only; no timing.
 */

const TOTAL = 200_000;
const TEXT = "Kabul 👩‍👩‍👧 more than 6,000 fighters 🇦🇫 مُحَمَّد crossed.\n".repeat(200);

function source(progress: { produced: number }): AsyncGenerator<ExportEvent> {
  const index = new CodePointIndex(TEXT);
  const author = { id: "usr-1", name: "Amina", email: "amina@example.org" };
  const date = new Date("2024-05-31T09:00:00.000Z");
  return (async function* () {
    yield {
      type: "document",
      document: {
        id: "doc-big", title: "Big", sha256: sha256Hex(TEXT), length: codePointLength(TEXT), text: TEXT, original: null, createdAt: date, state: "not_started", signOff: null,
        metadata: { author: null, publisher: null, publishedOn: null, sourceUrl: null, retrievedOn: null, language: null, direction: null },
      },
    };
    for (let i = 0; i < TOTAL; i++) {
      const start = i % (index.length - 12);
      const end = start + 1 + (i % 11);
      const annotation: ExportAnnotation = {
        id: `ann-${i}`, documentId: "doc-big", label: LABELS.actor, start, end, exact: index.slice(start, end), prefix: "", suffix: "",
        attributes: {}, status: "accepted", version: 1, author, createdAt: date, updatedAt: date, review: null,
      };
      progress.produced++;
      yield { type: "annotation", annotation };
    }
  })();
}

describe("streaming", () => {
  for (const format of ["jsonl", "w3c"] as const) {
    it(`${format} yields many chunks while 200,000 annotations are still coming in`, async () => {
      const progress = { produced: 0 };
      let chunks = 0;
      let chunksBeforeEnd = 0;
      let chunksInFirstTenth = 0;
      let bytes = 0;
      for await (const chunk of WRITERS[format].write(source(progress), CONTEXT)) {
        chunks++;
        bytes += chunk.length;
        if (progress.produced < TOTAL) chunksBeforeEnd++;
        if (progress.produced <= TOTAL / 10) chunksInFirstTenth++;
        expect(chunk.length).toBeLessThan(1024 * 1024);
      }
      expect(progress.produced).toBe(TOTAL);
      expect(chunksBeforeEnd).toBeGreaterThan(500);
      expect(chunksInFirstTenth).toBeGreaterThan(50);
      expect(chunks - chunksBeforeEnd).toBeLessThanOrEqual(3);
      expect(bytes).toBeGreaterThan(TOTAL * 200);
    });
  }
});
