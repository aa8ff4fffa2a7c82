"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiCall } from "@/components/annotations/api";
import { plainError } from "@/components/annotations/plain-error";
import type { WorkflowView } from "./workflow-types";

/**
 * The document's workflow, refetched (at most every 250 ms) whenever `activity` fires — the live
 * stream saw a change of the document, anyone's — and after this user's own transitions. Its state
 * lives here, not in the workbench: a refetch must not redraw the reader (a redraw while the
 * analyst extends a selection with Shift+arrows can lose a step).
 */
export function useWorkflow(documentId: string, initial: WorkflowView, activity: EventTarget) {
  const [workflow, setWorkflow] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/documents/${encodeURIComponent(documentId)}`;
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const asked = ++latest.current;
    try {
      const next = await apiCall<WorkflowView>("GET", `${base}/workflow`);
      if (asked === latest.current) setWorkflow(next);
    } catch {
      // The next change tries again; the connection indicator tells about a lost stream.
    }
  }, [base]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 250);
    };
    activity.addEventListener("change", onChange);
    return () => {
      activity.removeEventListener("change", onChange);
      clearTimeout(timer);
    };
  }, [activity, refresh]);

  const act = useCallback(
    async (action: "submit" | "request-changes" | "sign-off", body: Record<string, unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        latest.current++;
        setWorkflow(await apiCall<WorkflowView>("POST", `${base}/${action}`, body));
        return true;
      } catch (err) {
        setError(plainError(err));
        void refresh();
        return false;
      } finally {
        setBusy(false);
      }
    },
    [base, refresh],
  );

  return { workflow, error, busy, act };
}
