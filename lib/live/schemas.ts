import { z } from "zod";

/** A browser tab's id for presence: the client picks it (random), per tab and document. */
export const ZTab = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8–64 letters, digits, - or _");

/** A stream position as a client sends it back (`Last-Event-ID` or `?lastEventId=`). */
export const ZCursor = z
  .string()
  .regex(/^\d{1,15}$/, "a cursor is the decimal `id` of an event this API sent")
  .transform(Number);

export const ZEventsQuery = z.object({
  lastEventId: ZCursor.optional().describe("resume after this event (for clients that cannot send the Last-Event-ID header)"),
  tab: ZTab.optional().describe("document streams: the browser tab, so its presence can be told apart and its selection moved"),
});

const ZOffset = z.number().int().min(0).max(2_147_483_647);

export const ZPresenceUpdate = z
  .object({
    tab: ZTab,
    selection: z
      .object({ start: ZOffset, end: ZOffset })
      .strict()
      .refine((s) => s.start <= s.end, "start must not be after end")
      .nullable()
      .describe("code points, half-open; null: nothing selected"),
  })
  .strict();
