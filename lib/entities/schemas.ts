import { z } from "zod";
import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";

const ZName = z.string().trim().min(1, "An entity needs a name").max(500).transform((name) => name.normalize("NFC"));
const ZAlias = z.string().trim().min(1, "An alias cannot be empty").max(500).transform((alias) => alias.normalize("NFC"));
const ZExternalIds = z
  .record(
    z.string().trim().min(1).max(50).regex(/^[a-z][a-z0-9_-]*$/, "External id keys are lower-case names like wikidata"),
    z.string().trim().min(1).max(500),
  )
  .refine((ids) => Object.keys(ids).length <= 20, { message: "At most 20 external ids" })
  .refine((ids) => ids.wikidata === undefined || /^Q[1-9][0-9]*$/.test(ids.wikidata), { message: "A Wikidata id looks like Q123", path: ["wikidata"] })
  .describe('e.g. { "wikidata": "Q123" }');

export const ZCreateEntity = z.strictObject({
  name: ZName,
  type: z.enum(ENTITY_TYPES).optional().describe("default other"),
  aliases: z.array(ZAlias).max(200).optional().describe("other names, any script"),
  description: z.string().trim().max(5000).optional(),
  externalIds: ZExternalIds.optional(),
});

export const ZUpdateEntity = z
  .strictObject({
    name: ZName.optional(),
    type: z.enum(ENTITY_TYPES).optional(),
    aliases: z.array(ZAlias).max(200).optional().describe("replaces the aliases as a whole"),
    description: z.string().trim().max(5000).optional(),
    externalIds: ZExternalIds.optional().describe("replaces the external ids as a whole"),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "Nothing to change: send name, type, aliases, description and/or externalIds",
  });

export const ZMergeEntities = z.strictObject({
  from: z.array(z.string().trim().min(1).max(200)).min(1, "Name at least one entity to merge into this one").max(100),
});

export const ZListEntitiesQuery = z.object({
  q: z.string().trim().max(200).optional().describe("search names and aliases (case-insensitive, any part)"),
  type: z.enum(ENTITY_TYPES).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional().describe("default 100"),
});

/**
 * Aliases as stored: without the name itself and without case-insensitive repeats, in the order
 * given. (Case-insensitive here means toLocaleLowerCase on both sides: a comparison, not offsets.)
 */
export function cleanAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const alias of aliases) {
    const key = alias.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}
