import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { DeleteEntity } from "@/components/entities/delete-entity";
import { EntityEditor } from "@/components/entities/entity-editor";
import { EntityFacts } from "@/components/entities/entity-facts";
import { MentionList } from "@/components/entities/mention-list";
import { typeName } from "@/components/entities/type-names";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/api/session";
import { gateEntity } from "@/lib/auth/gate";
import { can } from "@/lib/auth/policies";
import { entityMentions } from "@/lib/entities/entity-mentions";
import { getEntity } from "@/lib/entities/list-entities";
import { AppError } from "@/lib/errors";
import { getProject } from "@/lib/projects/get-project";

export const metadata: Metadata = { title: "Entity · Tracewell" };

type Props = { params: Promise<{ projectId: string; entityId: string }> };

/** Non-members, unknown ids and another project's entity under this project's URL: the same not-found page. */
async function loadAccess(projectId: string, entityId: string) {
  const principal = await requireUser();
  try {
    const access = await gateEntity({ principal, entityId, action: "entity.read" });
    if (access.projectId !== projectId) notFound();
    return access;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}

/** One entity: its names and ids, and every mention across the project's documents in context. */
export default async function EntityPage({ params }: Props) {
  const { projectId, entityId } = await params;
  const access = await loadAccess(projectId, entityId);
  const [project, entity] = await Promise.all([getProject(access), getEntity({ entityId })]);
  const [mergedInto, groups] = await Promise.all([
    entity.mergedIntoId ? getEntity({ entityId: entity.mergedIntoId }) : null,
    entity.mergedIntoId ? [] : entityMentions({ entityId }),
  ]);
  const mentions = groups.reduce((n, g) => n + g.mentions.length, 0);
  const entities = `/projects/${projectId}/entities`;

  return (
    <>
      <PageHeader
        title={entity.name}
        description={
          <>
            {typeName(entity.type)}, an entity of{" "}
            <Link href={`/projects/${projectId}`} className="underline underline-offset-2 hover:text-slate-900">
              {project.name}
            </Link>
          </>
        }
      />
      <ProjectTabs projectId={projectId} current="entities" documentCount={project.documentCount} />
      {mergedInto ? (
        <div className="grid max-w-2xl gap-6">
          <Alert variant="warning">
            Merged into{" "}
            <Link href={`${entities}/${mergedInto.id}`} className="font-semibold underline underline-offset-2">
              <bdi>{mergedInto.name}</bdi>
            </Link>
            : its names are aliases there, and annotations linking here count as that entity&apos;s mentions.
          </Alert>
          <Card aria-labelledby="details-title">
            <CardHeader>
              <CardTitle id="details-title">As it was when merged</CardTitle>
            </CardHeader>
            <CardContent>
              <EntityFacts entity={entity} />
            </CardContent>
          </Card>
        </div>
      ) : (
        <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <Card aria-labelledby="mentions-title">
            <CardHeader>
              <CardTitle id="mentions-title">Mentions</CardTitle>
              <CardDescription>
                {mentions} mention{mentions === 1 ? "" : "s"} in {groups.length} document{groups.length === 1 ? "" : "s"}, each with the text around it;
                open one to read it in place.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <MentionList projectId={projectId} groups={groups} />
            </CardContent>
          </Card>
          <Card aria-labelledby="details-title">
            <CardHeader>
              <CardTitle id="details-title">Details</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-6">
              <EntityEditor entity={entity} canUpdate={can(access.role, "entity.update")}>
                <EntityFacts entity={entity} mentions={mentions} />
              </EntityEditor>
              {can(access.role, "entity.delete") && (
                <div className="border-t border-slate-200 pt-4">
                  <DeleteEntity projectId={projectId} entity={{ id: entity.id, name: entity.name }} />
                </div>
              )}
            </CardContent>
          </Card>
        </div>
      )}
    </>
  );
}
