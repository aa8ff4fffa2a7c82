import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { gateProject } from "@/lib/auth/gate";
import { createEntity } from "@/lib/entities/create-entity";
import { listEntities } from "@/lib/entities/list-entities";

type Params = { projectId: string };

/** The project's entities (merged ones excepted); `?q=` searches names and aliases, `?type=`, `?limit=`. */
export const GET = apiRoute<Params>(async ({ req, params, principal }) => {
  const access = await gateProject({ principal, projectId: params.projectId, action: "entity.read" });
  return { entities: await listEntities({ projectId: access.projectId, query: searchParams(req) }) };
});

/** `{ name, type?, aliases?, description?, externalIds? }` → 201. */
export const POST = apiRoute<Params>(
  async ({ req, params, principal }) => {
    const access = await gateProject({ principal, projectId: params.projectId, action: "entity.create" });
    return createEntity({ actorId: principal.userId, projectId: access.projectId, input: await readJson(req) });
  },
  { status: 201 },
);
