import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { countAnnotations } from "./count-annotations";
import { countDocuments } from "./count-documents";
import { countThroughput } from "./throughput";
import { measureTimeInReview } from "./time-in-review";
import type { ProjectProgress } from "./types";

/**
 * The project dashboard's numbers (GET /api/v1/projects/{id}/progress), every one a SQL aggregate,
 * never a project's rows in memory. One REPEATABLE READ transaction: all parts see the same
 * snapshot, so an annotation accepted while they are read is counted everywhere or nowhere.
 * The throughput window starts at the later of 30 days ago and the project's creation, which
 * comes before any of its documents, annotations, reviews and sign-offs.
 */
export async function getProjectProgress({ projectId, now = new Date() }: { projectId: string; now?: Date }): Promise<ProjectProgress> {
  return db().$transaction(
    async (tx) => {
      const project = await tx.project.findUnique({ where: { id: projectId }, select: { createdAt: true } });
      if (!project) throw new AppError("not_found", "Project not found");
      const documents = await countDocuments(tx, projectId);
      const annotations = await countAnnotations(tx, projectId);
      const throughput = await countThroughput(tx, { projectId, now, since: project.createdAt });
      const timeInReview = await measureTimeInReview(tx, { projectId, now });
      return { documents, annotations, throughput, timeInReview, asOf: now.toISOString() };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 30_000 },
  );
}
