import { apiCall } from "@/components/annotations/api";
import type { Entity } from "@/lib/entities/entity-shape";

export interface EntityInput {
  name: string;
  type: string;
  aliases: string[];
  description: string;
  externalIds: Record<string, string>;
}

export const entitiesApi = {
  create: (projectId: string, input: EntityInput) => apiCall<Entity>("POST", `/api/v1/projects/${projectId}/entities`, input),
  update: (entityId: string, input: EntityInput) => apiCall<Entity>("PATCH", `/api/v1/entities/${entityId}`, input),
  remove: (entityId: string) => apiCall<void>("DELETE", `/api/v1/entities/${entityId}`),
  merge: (entityId: string, from: string[]) => apiCall<Entity>("POST", `/api/v1/entities/${entityId}/merge`, { from }),
};
