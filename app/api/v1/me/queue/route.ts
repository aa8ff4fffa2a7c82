import { apiRoute } from "@/lib/api/handler";
import { myQueue } from "@/lib/workflow/my-queue";

/** The caller's assigned documents by state, the ones waiting for them first. */
export const GET = apiRoute(async ({ principal }) => myQueue({ userId: principal.userId }));
