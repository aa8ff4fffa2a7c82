import { z } from "zod";

export const LABEL_KINDS = ["claim", "entity", "figure", "other"] as const;
export const ZLabelKind = z.enum(LABEL_KINDS);

const ZName = z.string().trim().min(1, "A label needs a name").max(100);
const ZColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #2563eb")
  .transform((color) => color.toLowerCase());
/** One character (one code point), not a space: the key that applies the label. */
const ZHotkey = z
  .string()
  .refine((key) => [...key].length === 1 && !/\s|\p{C}/u.test(key), { message: "A hotkey is a single visible character" })
  .describe("a single character, unique within the project");
const ZDescription = z.string().trim().max(2000);

export const ZCreateLabel = z.strictObject({
  name: ZName,
  kind: ZLabelKind,
  color: ZColor,
  hotkey: ZHotkey.nullable().optional(),
  description: ZDescription.optional(),
});

export const ZUpdateLabel = z
  .strictObject({
    name: ZName.optional(),
    kind: ZLabelKind.optional(),
    color: ZColor.optional(),
    hotkey: ZHotkey.nullable().optional().describe("null removes the hotkey"),
    description: ZDescription.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: "Nothing to change: send name, kind, color, hotkey and/or description",
  });

export const ZDeleteLabelQuery = z.object({
  reassignTo: z.string().trim().min(1).optional().describe("move the label's annotations to this label (same project, same kind) first"),
});
