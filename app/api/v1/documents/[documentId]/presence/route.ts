import { apiRoute, readJson } from "@/lib/api/handler";
import { gateDocument } from "@/lib/auth/gate";
import { AppError } from "@/lib/errors";
import { liveHub } from "@/lib/live/hub";
import { ZPresenceUpdate } from "@/lib/live/schemas";

type Params = { documentId: string };

/** Moves this tab's selection mark, seen by everyone with the document open; 404 without an open stream of that tab. */
export const POST = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateDocument({ principal, documentId: params.documentId, action: "document.read" });
  const { tab, selection } = ZPresenceUpdate.parse(await readJson(req));
  const moved = await liveHub().moveSelection(params.documentId, principal.userId, tab, selection);
  if (!moved) throw new AppError("not_found", "No open event stream of this tab on this document: open …/events?tab= first");
});
