import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { presentLabel } from "@/lib/api/presenters";
import { gateLabel } from "@/lib/auth/gate";
import { deleteLabel } from "@/lib/labels/delete-label";
import { getLabel } from "@/lib/labels/get-label";
import { updateLabel } from "@/lib/labels/update-label";

type Params = { labelId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateLabel({ principal, labelId: params.labelId, action: "project.read" });
  return presentLabel(await getLabel(params));
});

export const PATCH = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateLabel({ principal, labelId: params.labelId, action: "label.manage" });
  return presentLabel(await updateLabel({ actorId: principal.userId, labelId: params.labelId, input: await readJson(req) }));
});

/** Refused while annotations use the label, unless `?reassignTo=<labelId>` moves them first. */
export const DELETE = apiRoute<Params>(async ({ req, params, principal }) => {
  await gateLabel({ principal, labelId: params.labelId, action: "label.manage" });
  await deleteLabel({ actorId: principal.userId, labelId: params.labelId, query: searchParams(req) });
});
