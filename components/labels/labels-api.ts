import { apiCall } from "@/components/annotations/api";

export interface LabelInput {
  name: string;
  kind: string;
  color: string;
  hotkey: string | null;
  description: string;
}

export const labelsApi = {
  create: (projectId: string, input: LabelInput) => apiCall<{ id: string }>("POST", `/api/v1/projects/${projectId}/labels`, input),
  update: (labelId: string, input: Partial<LabelInput>) => apiCall<{ id: string }>("PATCH", `/api/v1/labels/${labelId}`, input),
  remove: (labelId: string) => apiCall<void>("DELETE", `/api/v1/labels/${labelId}`),
};
