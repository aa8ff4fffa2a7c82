import { apiRoute, readOptionalJson } from "@/lib/api/handler";
import { presentAnnotation } from "@/lib/api/presenters";
import { gateSuggestion } from "@/lib/auth/gate";
import { acceptSuggestions, ZDecideSuggestion } from "@/lib/suggestions/decide-suggestions";

type Params = { suggestionId: string };

/** The new annotation (201); with `{ "all": true }` every open suggestion of the same entity (or every figure): `{ annotations }`. */
export const POST = apiRoute<Params>(
  async ({ req, params, principal }) => {
    await gateSuggestion({ principal, suggestionId: params.suggestionId, action: "annotation.create" });
    const input = await readOptionalJson(req);
    const made = (await acceptSuggestions({ actorId: principal.userId, suggestionId: params.suggestionId, input })).map(presentAnnotation);
    return ZDecideSuggestion.parse(input).all ? { annotations: made } : made[0]!;
  },
  { status: 201 },
);
