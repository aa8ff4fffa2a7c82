import type { Metadata } from "next";
import { NotFoundMessage } from "@/components/not-found-message";

export const metadata: Metadata = { title: "Not found · Tracewell" };

/**
 * Inside the workbench shell (which provides <main>): what a non-member sees for a project, since
 * other projects are invisible, not forbidden.
 */
export default function WorkbenchNotFound() {
  return <NotFoundMessage />;
}
