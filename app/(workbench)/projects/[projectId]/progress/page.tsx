import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { ProgressDashboard } from "@/components/progress/progress-dashboard";
import { requireProjectPage } from "@/lib/api/session";
import { currentCursor } from "@/lib/live/feed";
import { getProjectProgress } from "@/lib/progress/project-progress";
import { getProject } from "@/lib/projects/get-project";

export const metadata: Metadata = { title: "Progress · Tracewell" };

type Props = { params: Promise<{ projectId: string }> };

/** The project dashboard: any member sees how far annotation and review have come. */
export default async function ProgressPage({ params }: Props) {
  const { projectId } = await params;
  const { access } = await requireProjectPage(projectId, "project.read");
  // Read before the numbers: the stream replays whatever changes after it.
  const cursor = await currentCursor();
  const [project, progress] = await Promise.all([getProject(access), getProjectProgress({ projectId })]);
  return (
    <>
      <PageHeader title={project.name} description="Progress at a glance: every number links to the documents it counts." />
      <ProjectTabs projectId={projectId} current="progress" documentCount={project.documentCount} />
      <ProgressDashboard projectId={projectId} initial={progress} cursor={cursor} />
    </>
  );
}
