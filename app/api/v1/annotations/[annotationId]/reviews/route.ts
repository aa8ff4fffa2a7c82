import { apiRoute } from "@/lib/api/handler";
import { gateAnnotation } from "@/lib/auth/gate";
import { listReviews } from "@/lib/reviews/list-reviews";

type Params = { annotationId: string };

/** The annotation's review history, oldest first; a deleted annotation's stays readable. */
export const GET = apiRoute<Params>(async ({ params, principal }) => {
  await gateAnnotation({ principal, annotationId: params.annotationId, intent: "read", includeDeleted: true });
  return { reviews: await listReviews({ annotationId: params.annotationId }) };
});
