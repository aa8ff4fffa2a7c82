import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { ProjectList } from "@/components/projects/project-list";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { YourWork } from "@/components/workflow/your-work";
import { presentProject } from "@/lib/api/presenters";
import { requireUser } from "@/lib/api/session";
import { listProjects } from "@/lib/projects/list-projects";
import { myQueue } from "@/lib/workflow/my-queue";
import { createProjectAction } from "./actions";

export const metadata: Metadata = { title: "Projects · Tracewell" };

type Props = { searchParams: Promise<{ cursor?: string; work?: string }> };

function projectsHref(params: { cursor?: string; work?: string }): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString();
  return `/projects${query ? `?${query}` : ""}`;
}

/** Where a member lands after signing in: their work first, then their projects. */
export default async function ProjectsPage({ searchParams }: Props) {
  const principal = await requireUser();
  const { cursor: rawCursor, work } = await searchParams;
  const cursor = typeof rawCursor === "string" ? rawCursor : undefined;
  const [{ projects, nextCursor }, queue] = await Promise.all([
    listProjects({ userId: principal.userId, query: cursor ? { cursor } : {} }),
    myQueue({ userId: principal.userId }),
  ]);
  const showAll = work === "all";
  return (
    <>
      <PageHeader title="Projects" description="Your assigned documents, then the projects you are a member of, newest first." />
      <div className="mb-8">
        <YourWork
          documents={queue.documents}
          byState={queue.byState}
          showAll={showAll}
          moreHref={projectsHref({ cursor, work: "all" })}
          fewerHref={projectsHref({ cursor })}
        />
      </div>
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid gap-4">
          <ProjectList projects={projects.map(presentProject)} />
          {(cursor || nextCursor) && (
            <nav aria-label="Pagination" className="flex gap-2">
              {cursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={projectsHref({ work: showAll ? "all" : undefined })}>First page</Link>
                </Button>
              )}
              {nextCursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={projectsHref({ cursor: nextCursor, work: showAll ? "all" : undefined })}>Next page</Link>
                </Button>
              )}
            </nav>
          )}
        </div>
        <Card aria-labelledby="new-project-title">
          <CardHeader>
            <CardTitle id="new-project-title">New project</CardTitle>
            <CardDescription>Starts with the Claim, Entity and Figure labels; you become its owner.</CardDescription>
          </CardHeader>
          <CardContent>
            <NewProjectForm action={createProjectAction} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
