import { apiRoute, readOptionalJson } from "@/lib/api/handler";
import { gateSuggestion } from "@/lib/auth/gate";
import { rejectSuggestions } from "@/lib/suggestions/decide-suggestions";

type Params = { suggestionId: string };

/** Rejects it (with `{ "all": true }`, every open one of the same entity or every figure); remembered across runs. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateSuggestion({ principal, suggestionId: params.suggestionId, action: "annotation.create" });
  return { rejected: await rejectSuggestions({ actorId: principal.userId, suggestionId: params.suggestionId, input: await readOptionalJson(req) }) };
});
