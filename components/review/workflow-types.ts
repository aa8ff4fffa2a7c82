/**
 * GET /api/v1/documents/{id}/workflow as the browser holds it: the server's declaration, imported
 * as types only (the module itself reads the database).
 */
export type { SignOffView, Workflow as WorkflowView } from "@/lib/workflow/get-workflow";
