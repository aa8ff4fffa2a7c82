import { apiRoute, readJson } from "@/lib/api/handler";
import { presentLabel } from "@/lib/api/presenters";
import { gateProject } from "@/lib/auth/gate";
import { createLabel } from "@/lib/labels/create-label";
import { listLabels } from "@/lib/labels/list-labels";

type Params = { projectId: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateProject({ principal, projectId: params.projectId, action: "project.read" });
  return { labels: (await listLabels(params)).map(presentLabel), nextCursor: null };
});

export const POST = apiRoute<Params>(
  async ({ req, params, principal }) => {
    await gateProject({ principal, projectId: params.projectId, action: "label.manage" });
    return presentLabel(await createLabel({ actorId: principal.userId, projectId: params.projectId, input: await readJson(req) }));
  },
  { status: 201 },
);
