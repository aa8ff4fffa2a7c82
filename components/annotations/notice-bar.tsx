"use client";

import { Button } from "@/components/ui/button";
import type { Notice } from "./annotation-commands";

/**
 * What the last action did or why it failed. The polite region is always in the page, so screen
 * readers announce each new message; errors also interrupt (role=alert).
 */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const error = notice?.tone === "error";
  return (
    <div className="px-6">
      <div role="status" aria-live="polite" className={notice && !error ? "mb-2 flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-1.5 text-sm text-slate-800" : "sr-only"}>
        {notice && !error ? notice.message : ""}
        {notice && !error && (
          <Button variant="ghost" size="sm" className="h-6 px-2" onClick={onDismiss} aria-label="Dismiss message">
            ✕
          </Button>
        )}
      </div>
      {error && (
        <div role="alert" data-testid="annotation-error" className="mb-2 flex items-center justify-between gap-2 rounded-md border border-red-300 bg-red-50 px-3 py-1.5 text-sm text-red-900">
          {notice.message}
          <Button variant="ghost" size="sm" className="h-6 px-2 text-red-900" onClick={onDismiss} aria-label="Dismiss message">
            ✕
          </Button>
        </div>
      )}
    </div>
  );
}
