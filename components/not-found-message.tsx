import Link from "next/link";
import { Button } from "@/components/ui/button";

export function NotFoundMessage() {
  return (
    <div className="mx-auto grid max-w-md justify-items-center gap-3 py-16 text-center">
      <p className="font-mono text-sm font-medium text-slate-600">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p className="text-sm text-slate-600">
        This page does not exist, or it belongs to a project you are not a member of. If someone sent you this link, ask
        them to add you to the project.
      </p>
      <Button asChild className="mt-3">
        <Link href="/projects">Back to projects</Link>
      </Button>
    </div>
  );
}
