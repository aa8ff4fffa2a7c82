"use client";

import { useEffect, useState } from "react";
import { releaseChannel, retainChannel, type ChannelState } from "@/components/live/live-channel";
import type { ProjectProgress } from "@/lib/progress/types";

/** Events within this window are answered by one refetch. */
const DEBOUNCE_MS = 500;

/**
 * The dashboard's numbers, kept current: the project's event stream (shared with any other view
 * of the page) tells that annotations or workflows changed, and the numbers are fetched again —
 * at most one request per half second, however many events arrive, and one more after the
 * stream resumes or resets. The stream replays what happened after the page's cursor, so a
 * change made while the page loaded is not missed.
 */
export function useLiveProgress(projectId: string, initial: ProjectProgress, cursor: string | null) {
  const [progress, setProgress] = useState(initial);
  const [state, setState] = useState<ChannelState>("connecting");
  useEffect(() => {
    const url = `/api/v1/projects/${encodeURIComponent(projectId)}`;
    const channel = retainChannel(`${url}/events`, cursor);
    let timer: ReturnType<typeof setTimeout> | null = null;
    let request: AbortController | null = null;
    const refetch = async () => {
      timer = null;
      request?.abort();
      const controller = (request = new AbortController());
      try {
        const res = await fetch(`${url}/progress`, { signal: controller.signal, cache: "no-store", headers: { accept: "application/json" } });
        if (res.ok && !controller.signal.aborted) setProgress((await res.json()) as ProjectProgress);
      } catch {
        // Aborted by a newer request, or offline: the next event or reconnection fetches again.
      }
    };
    const schedule = () => {
      timer ??= setTimeout(refetch, DEBOUNCE_MS);
    };
    const offs = [
      channel.on("change", schedule),
      channel.on("workflow", schedule),
      channel.on("reset", schedule),
      channel.on("state", (next) => setState(next)),
    ];
    return () => {
      for (const off of offs) off();
      if (timer) clearTimeout(timer);
      request?.abort();
      releaseChannel(channel);
    };
  }, [projectId, cursor]);
  return { progress, state };
}
