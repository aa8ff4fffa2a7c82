import { z } from "zod";

/** GET /api/v1/projects/{projectId}/progress: the path's one parameter. */
export const ZProgressParams = z.strictObject({
  projectId: z.string().min(1).max(200),
});
