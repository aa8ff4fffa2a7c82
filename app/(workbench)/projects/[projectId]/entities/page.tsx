import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { EntitySearch } from "@/components/entities/entity-search";
import { EntityTable } from "@/components/entities/entity-table";
import { NewEntityForm } from "@/components/entities/new-entity-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ENTITY_TYPES } from "@/lib/annotations/attribute-values";
import { requireProjectPage } from "@/lib/api/session";
import { can } from "@/lib/auth/policies";
import { countLinksByEntity } from "@/lib/entities/count-links";
import { listEntities } from "@/lib/entities/list-entities";
import { getProject } from "@/lib/projects/get-project";

export const metadata: Metadata = { title: "Entities · Tracewell" };

const LIMIT = 500;

type Props = { params: Promise<{ projectId: string }>; searchParams: Promise<{ q?: string | string[]; type?: string | string[] }> };

/** A hand-edited URL narrows nothing rather than failing the page. */
function filters(query: Awaited<Props["searchParams"]>) {
  // PostgreSQL refuses NUL in text: a %00 in the URL would otherwise be a server error.
  const q = String([query.q].flat()[0] ?? "").replaceAll("\u0000", "").trim().slice(0, 200);
  const type = String([query.type].flat()[0] ?? "");
  return { q, type: (ENTITY_TYPES as readonly string[]).includes(type) ? type : "" };
}

/** The project's canonical entities: search, counts of mentions, creation and merging. */
export default async function EntitiesPage({ params, searchParams }: Props) {
  const { projectId } = await params;
  const { q, type } = filters(await searchParams);
  const { access } = await requireProjectPage(projectId, "entity.read");
  const [project, entities, counts] = await Promise.all([
    getProject(access),
    listEntities({ projectId, query: { q: q || undefined, type: type || undefined, limit: LIMIT } }),
    countLinksByEntity({ projectId }),
  ]);
  const rows = entities.map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, externalIds: e.externalIds, mentions: counts.get(e.id) ?? 0 }));
  const canCreate = can(access.role, "entity.create");

  return (
    <>
      <PageHeader title={project.name} description="The people, groups, places and events the project's entity annotations link to.">
        {canCreate && (
          <Button asChild variant="outline">
            <a href="#new-entity">New entity</a>
          </Button>
        )}
      </PageHeader>
      <ProjectTabs projectId={projectId} current="entities" documentCount={project.documentCount} />
      <div className="grid gap-8">
        <Card aria-labelledby="entities-title">
          <CardHeader>
            <CardTitle id="entities-title">Entities</CardTitle>
            <CardDescription>
              {q || type ? `${rows.length} matching` : `${rows.length} in this project`}
              {rows.length === LIMIT && ` (the first ${LIMIT}: search to narrow them)`}. Mentions count live entity annotations linked to each.
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <EntitySearch projectId={projectId} q={q} type={type} />
            {rows.length === 0 ? (
              <p className="text-sm text-slate-600">{q || type ? "No entity matches this search." : "This project has no entities yet."}</p>
            ) : (
              <EntityTable projectId={projectId} entities={rows} canMerge={can(access.role, "entity.merge")} />
            )}
          </CardContent>
        </Card>
        {canCreate && (
          <Card id="new-entity" aria-labelledby="new-entity-title" className="scroll-mt-6">
            <CardHeader>
              <CardTitle id="new-entity-title">New entity</CardTitle>
              <CardDescription>Entity annotations can then link to it, and searches find it by any of its names.</CardDescription>
            </CardHeader>
            <CardContent className="max-w-3xl">
              <NewEntityForm projectId={projectId} />
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
