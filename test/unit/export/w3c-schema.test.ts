import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WRITERS } from "@/lib/export";
import { collect } from "./fixture-corpus";
import { SchemaSet } from "./json-schema";

/**
 * The W3C export against every MUST assertion of the W3C annotation-model test suite (copied,
 * unmodified, into test/fixtures/export/w3c-schemas — see its README for origin and licence):
 * annotationMusts for each annotation, collectionMusts for the collection, pageMusts for the
 * embedded page. As in the suite's harness, an assertion passes when the result is its
 * `expectedResult` (valid unless it says invalid).
 */

const SUITE = path.resolve(__dirname, "../../fixtures/export/w3c-schemas");
const schemas = new SchemaSet(path.join(SUITE, "definitions"));

type Json = Record<string, unknown>;
const readJson = (file: string) => JSON.parse(readFileSync(path.join(SUITE, file), "utf8")) as Json;

function assertions(testFile: string): { file: string; schema: Json }[] {
  return (readJson(testFile).assertions as string[]).map((file) => ({ file, schema: readJson(file) }));
}

const MUSTS = {
  annotation: assertions("annotations/annotationMusts.test"),
  collection: assertions("collections/collectionMusts.test"),
  page: assertions("collections/pages/pageMusts.test"),
};

/** The assertion files the object fails (empty when it meets every MUST). */
function failures(kind: keyof typeof MUSTS, object: unknown): string[] {
  return MUSTS[kind]
    .filter(({ schema }) => schemas.validate(schema, object) !== (schema.expectedResult !== "invalid"))
    .map(({ file }) => file);
}

async function exported(): Promise<Json> {
  return JSON.parse((await collect(WRITERS.w3c)).toString("utf8")) as Json;
}

describe("W3C export against the annotation-model MUST assertions", () => {
  it("loads the three MUST lists (54 annotation, 10 collection, 15 page assertions)", () => {
    expect([MUSTS.annotation.length, MUSTS.collection.length, MUSTS.page.length]).toEqual([54, 10, 15]);
  });

  it("the collection, its embedded page and every annotation meet every MUST", async () => {
    const collection = await exported();
    expect(failures("collection", collection)).toEqual([]);
    // The suite checks an embedded page through its collection; a page read on its own inherits the @context.
    expect(failures("page", collection)).toEqual([]);
    const page = collection.first as Json;
    expect(failures("page", { "@context": collection["@context"], ...page })).toEqual([]);
    const items = page.items as Json[];
    expect(items.length).toBe(20);
    for (const item of items) {
      // "@context" is stated once, on the collection; each annotation is read in its scope.
      expect(item["@context"]).toBeUndefined();
      expect({ id: item.id, failed: failures("annotation", { "@context": collection["@context"], ...item }) }).toEqual({ id: item.id, failed: [] });
    }
  });

  it("catches broken annotations, so passing means something", async () => {
    const collection = await exported();
    const good: Json = { "@context": collection["@context"], ...((collection.first as Json).items as Json[])[0]! };
    const target = good.target as Json;
    const [position, quote] = target.selector as Json[];
    const broken: [string, Json][] = [
      ["annotations/3.1-annotationContextValidated.json", { ...good, "@context": "http://example.org/other.jsonld" }],
      ["annotations/3.1-targetKeyFound.json", Object.fromEntries(Object.entries(good).filter(([k]) => k !== "target"))],
      ["annotations/3.3.1-annotationCreatedValidated.json", { ...good, created: "31 May 2024" }],
      ["annotations/specificResource/4.2.4-textQuoteSelectorValid.json", { ...good, target: { ...target, selector: [position, { ...quote, exact: undefined }] } }],
      ["annotations/specificResource/4.2-TextDataPositionSelectorValid.json", { ...good, target: { ...target, selector: [{ ...position, start: -1 }, quote] } }],
      ["annotations/3.2.5-notBodyBodyValue.json", { ...good, bodyValue: "extra" }],
    ];
    for (const [assertion, annotation] of broken) expect(failures("annotation", JSON.parse(JSON.stringify(annotation)))).toContain(assertion);
    expect(failures("collection", { ...collection, total: -1 })).toContain("collections/5.1-collectionTotalValidated.json");
  });
});
