import type { z } from "zod";

/** What openapi.ts lends the route lists of each feature: its JSON response and error helpers. */
export interface OpenApiHelpers {
  json: (schema: z.ZodType, description: string) => object;
  errors: (...statuses: number[]) => Record<string, object>;
}
