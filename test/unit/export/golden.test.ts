import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { EXPORT_FORMATS, type ExportFormat } from "@/lib/export/types";
import { collect } from "./fixture-corpus";

/**
 * Each writer's output over the fixture corpus, byte for byte. After a deliberate change,
 * regenerate with `UPDATE_GOLDEN=1 npx vitest run test/unit/export/golden.test.ts` and review the
 * diff. Zips are also unpacked beside them (`corpus.<format>/…`) so a change reads as text.
 */

const DIR = path.resolve(__dirname, "../../fixtures/export");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const goldenName = (format: ExportFormat) => `corpus.${format}.${WRITERS[format].extension}`;

function compare(file: string, actual: Uint8Array): void {
  const target = path.join(DIR, file);
  if (UPDATE) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, actual);
    return;
  }
  const expected = readFileSync(target);
  // Text first: a readable diff when it differs.
  if (!file.endsWith(".zip")) expect(Buffer.from(actual).toString("utf8")).toBe(expected.toString("utf8"));
  expect(Buffer.compare(Buffer.from(actual), expected)).toBe(0);
}

describe("golden files", () => {
  for (const format of EXPORT_FORMATS) {
    it(`${format} matches ${goldenName(format)}`, async () => {
      const bytes = await collect(WRITERS[format]);
      if (WRITERS[format].extension === "zip") {
        const entries = unzipSync(bytes);
        if (UPDATE) rmSync(path.join(DIR, `corpus.${format}`), { recursive: true, force: true });
        for (const [name, data] of Object.entries(entries)) compare(path.join(`corpus.${format}`, name), data);
      }
      compare(goldenName(format), bytes);
    });
  }

  it("every writer is listed under its own format", () => {
    for (const format of EXPORT_FORMATS) expect(WRITERS[format].format).toBe(format);
  });
});
