import { apiRoute, readJson, searchParams } from "@/lib/api/handler";
import { presentProject } from "@/lib/api/presenters";
import { createProject } from "@/lib/projects/create-project";
import { listProjects } from "@/lib/projects/list-projects";

export const GET = apiRoute(async ({ req, principal }) => {
  const { projects, nextCursor } = await listProjects({ userId: principal.userId, query: searchParams(req) });
  return { projects: projects.map(presentProject), nextCursor };
});

export const POST = apiRoute(
  async ({ req, principal }) => {
    const project = await createProject({ actorId: principal.userId, input: await readJson(req) });
    return presentProject({ ...project, role: "owner", memberCount: 1, documentCount: 0 });
  },
  { status: 201 },
);
