import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { ProjectList } from "@/components/projects/project-list";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { presentProject } from "@/lib/api/presenters";
import { requireUser } from "@/lib/api/session";
import { listProjects } from "@/lib/projects/list-projects";
import { createProjectAction } from "./actions";

export const metadata: Metadata = { title: "Projects · Tracewell" };

type Props = { searchParams: Promise<{ cursor?: string }> };

export default async function ProjectsPage({ searchParams }: Props) {
  const principal = await requireUser();
  const { cursor } = await searchParams;
  const { projects, nextCursor } = await listProjects({
    userId: principal.userId,
    query: typeof cursor === "string" ? { cursor } : {},
  });
  return (
    <>
      <PageHeader title="Projects" description="The projects you are a member of, newest first." />
      <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="grid gap-4">
          <ProjectList projects={projects.map(presentProject)} />
          {(cursor || nextCursor) && (
            <nav aria-label="Pagination" className="flex gap-2">
              {cursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href="/projects">First page</Link>
                </Button>
              )}
              {nextCursor && (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/projects?cursor=${encodeURIComponent(nextCursor)}`}>Next page</Link>
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
