import { db } from "@/lib/db/client";
import { presentSuggestion, type Suggestion } from "./suggestion-shape";
import { z } from "zod";

export const ZListSuggestionsQuery = z.object({
  status: z.enum(["open", "accepted", "rejected", "all"], { error: 'status must be open, accepted, rejected or all' }).optional().describe("default open"),
});

/** The document's suggestions in reading order (open ones unless `?status=` says otherwise). */
export async function listSuggestions({ documentId, query }: { documentId: string; query: unknown }): Promise<Suggestion[]> {
  const { status = "open" } = ZListSuggestionsQuery.parse(query);
  const rows = await db().suggestion.findMany({
    where: { documentId, ...(status === "all" ? {} : { status }) },
    include: { label: { select: { id: true, name: true, color: true } } },
    orderBy: [{ start: "asc" }, { end: "asc" }, { key: "asc" }],
  });
  return rows.map(presentSuggestion);
}
