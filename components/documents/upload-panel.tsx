"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { formatBytes } from "./format";
import { uploadFile, type FileResult } from "./upload-request";
import { UploadRow, type UploadItem } from "./upload-row";

const ACCEPT = ".txt,.md,.html,.htm,.pdf,.docx,.zip";
/** Parallel requests: enough to keep the line busy, few enough that progress stays readable. */
const CONCURRENCY = 3;

let nextKey = 0;

function summary(items: UploadItem[]): string {
  const results = items.flatMap((item) => item.results ?? []);
  const count = (status: FileResult["status"]) => results.filter((result) => result.status === status).length;
  return `Uploads finished: ${count("created")} created, ${count("duplicate")} duplicate, ${count("error")} not stored.`;
}

/**
 * The drop zone and the list of uploads. Every file goes in a request of its own, so each has
 * its own progress and result, and one bad file cannot take the others down with it.
 */
export function UploadPanel({ projectId, maxFileBytes }: { projectId: string; maxFileBytes: number }) {
  const router = useRouter();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const queue = useRef<{ key: string; file: File }[]>([]);
  const active = useRef(0);
  const batchOpen = useRef(false);

  const update = useCallback((key: string, change: Partial<UploadItem>) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  const pump = useCallback(() => {
    while (active.current < CONCURRENCY && queue.current.length > 0) {
      const { key, file } = queue.current.shift()!;
      active.current++;
      update(key, { phase: "uploading" });
      const url = `/api/v1/projects/${projectId}/documents`;
      const request =
        file.size > maxFileBytes
          ? Promise.resolve<FileResult[]>([
              { filename: file.name, status: "error", error: { code: "payload_too_large", message: `larger than the ${formatBytes(maxFileBytes)} limit` } },
            ])
          : uploadFile(url, file, (fraction) => update(key, { progress: fraction, phase: fraction >= 1 ? "processing" : "uploading" }));
      void request.then((results) => {
        update(key, { phase: "done", progress: 1, results });
        active.current--;
        pump();
      });
    }
  }, [maxFileBytes, projectId, update]);

  // When the last upload of a batch has its result: announce the outcome and reload the table.
  useEffect(() => {
    if (!batchOpen.current || items.length === 0 || items.some((item) => item.phase !== "done")) return;
    batchOpen.current = false;
    setAnnouncement(summary(items));
    router.refresh();
  }, [items, router]);

  function add(files: FileList | File[] | null) {
    const list = Array.from(files ?? []);
    if (list.length === 0) return;
    const added = list.map((file) => ({ key: `upload-${nextKey++}`, file }));
    setAnnouncement("");
    setItems((current) => [
      ...added.map(({ key, file }): UploadItem => ({ key, name: file.name, size: file.size, phase: "queued", progress: 0 })),
      ...current,
    ]);
    queue.current.push(...added);
    batchOpen.current = true;
    pump();
  }

  const busy = items.some((item) => item.phase !== "done");

  // A file dropped just beside the zone would make the browser open it and leave the page.
  useEffect(() => {
    const guard = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    window.addEventListener("dragover", guard);
    window.addEventListener("drop", guard);
    return () => {
      window.removeEventListener("dragover", guard);
      window.removeEventListener("drop", guard);
    };
  }, []);

  // Leaving the page would cancel the uploads still running.
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [busy]);

  return (
    <div className="grid gap-4">
      <div
        data-testid="dropzone"
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          add(event.dataTransfer.files);
        }}
        className={cn(
          "grid justify-items-center gap-2 rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors",
          "has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-slate-900",
          dragging ? "border-slate-900 bg-slate-100" : "border-slate-300 bg-slate-50",
        )}
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-8 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <p className="text-sm text-slate-800">
          Drop files or a .zip here, or{" "}
          <label htmlFor="document-files" className="cursor-pointer font-medium text-slate-900 underline underline-offset-4 hover:text-slate-700">
            choose files
          </label>
        </p>
        <p id="document-files-hint" className="text-xs text-slate-600">
          .txt, .md, .html, .pdf, .docx, or a .zip of them · up to {formatBytes(maxFileBytes)} each · text in UTF-8 or UTF-16
          with a BOM
        </p>
        <input
          id="document-files"
          type="file"
          multiple
          accept={ACCEPT}
          aria-describedby="document-files-hint"
          className="sr-only"
          onChange={(event) => {
            add(event.currentTarget.files);
            event.currentTarget.value = "";
          }}
        />
      </div>
      {items.length > 0 && (
        <div className="grid gap-2">
          <div className="flex items-center justify-between gap-3">
            <h3 className="text-sm font-semibold text-slate-900">Uploads</h3>
            <Button
              variant="ghost"
              size="sm"
              disabled={busy}
              onClick={() => {
                setItems([]);
                setAnnouncement("");
              }}
            >
              Clear list
            </Button>
          </div>
          <ul aria-label="Uploads" className="grid">
            {items.map((item) => (
              <UploadRow key={item.key} item={item} projectId={projectId} />
            ))}
          </ul>
        </div>
      )}
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
