import type { Metadata } from "next";
import { Brand } from "@/components/app-shell/brand";
import { NotFoundMessage } from "@/components/not-found-message";

export const metadata: Metadata = { title: "Not found · Tracewell" };

/** Unknown addresses, outside the workbench shell. */
export default function NotFound() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <header>
        <Brand href="/" className="text-xl" />
      </header>
      <main>
        <NotFoundMessage />
      </main>
    </div>
  );
}
