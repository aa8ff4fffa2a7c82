import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatBytes } from "./format";
import type { FileResult } from "./upload-request";

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  phase: "queued" | "uploading" | "processing" | "done";
  /** 0…1 of the request body sent. */
  progress: number;
  results?: FileResult[];
}

const PHASE_TEXT = { queued: "Waiting", uploading: "Uploading", processing: "Processing", done: "Done" } as const;

function ResultLine({ result, projectId, showName }: { result: FileResult; projectId: string; showName: boolean }) {
  const doc = result.document;
  const link = doc && (
    <Link href={`/projects/${projectId}/documents/${doc.id}`} className="font-medium text-slate-900 underline underline-offset-2 hover:text-slate-700">
      {doc.title}
    </Link>
  );
  return (
    <li className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm" data-status={result.status}>
      {result.status === "created" && <Badge variant="success">Created</Badge>}
      {result.status === "duplicate" && <Badge variant="warning">Duplicate</Badge>}
      {result.status === "error" && <Badge variant="destructive">Not stored</Badge>}
      {showName && <span className="break-all font-mono text-xs text-slate-700">{result.filename}</span>}
      {result.status === "created" && link}
      {result.status === "duplicate" && <span className="text-slate-700">already in this project as {link}</span>}
      {result.status === "error" && <span className="text-red-800">{result.error?.message ?? "Could not be stored"}</span>}
    </li>
  );
}

/** One chosen file: its progress while it travels, then what became of it (a zip: of each entry). */
export function UploadRow({ item, projectId }: { item: UploadItem; projectId: string }) {
  const percent = item.phase === "done" || item.phase === "processing" ? 100 : Math.round(item.progress * 100);
  const results = item.results ?? [];
  const showNames = results.length > 1 || results.some((result) => result.filename !== item.name);
  return (
    <li className="grid gap-2 border-b border-slate-100 py-3 last:border-b-0" data-testid="upload-row" data-phase={item.phase}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="min-w-0 break-all font-medium text-slate-900">{item.name}</span>
        <span className="text-xs text-slate-600">{formatBytes(item.size)}</span>
        <span className="ml-auto text-xs text-slate-600">
          {PHASE_TEXT[item.phase]}
          {item.phase === "uploading" && ` ${percent}%`}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`Upload of ${item.name}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={item.phase === "done" ? "h-full bg-slate-400" : "h-full bg-slate-900 transition-[width] duration-150"}
          style={{ width: `${percent}%` }}
        />
      </div>
      {results.length > 0 && (
        <ul aria-label={`Results for ${item.name}`} className="grid gap-1.5">
          {results.map((result, index) => (
            <ResultLine key={`${result.filename}-${index}`} result={result} projectId={projectId} showName={showNames} />
          ))}
        </ul>
      )}
    </li>
  );
}
