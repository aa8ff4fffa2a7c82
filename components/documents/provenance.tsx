import { formatBytes, formatNumber } from "./format";
import { CopyButton } from "./copy-button";

export interface ProvenanceProps {
  documentId: string;
  sha256: string;
  length: number;
  offsetUnit: string;
  original: { filename: string | null; mediaType: string; size: number | null; sha256: string | null } | null;
  extraction: unknown;
  uploadedBy: { name: string; email: string } | null;
  createdAt: string;
}

/** The extraction record is JSON written by lib/ingest; only string fields are shown as text. */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value ? value : typeof value === "number" ? String(value) : undefined;
}

const DATE_TIME = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{term}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Hash({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex items-start gap-2">
      <code className="min-w-0 break-all font-mono text-xs leading-5 text-slate-800" data-testid={label === "Text sha256" ? "text-sha256" : undefined}>
        {value}
      </code>
      <CopyButton value={value} label={label} />
    </span>
  );
}

function pageCount(pages: unknown): number | null {
  if (Array.isArray(pages)) return pages.length;
  return typeof pages === "number" ? pages : null;
}

/** Where the text came from and how to check it: hashes, the original file, the extraction, the uploader. */
export function Provenance({ documentId, sha256, length, offsetUnit, original, extraction, uploadedBy, createdAt }: ProvenanceProps) {
  const raw = (extraction && typeof extraction === "object" ? extraction : {}) as Record<string, unknown>;
  const ex = { method: text(raw.method), encoding: text(raw.encoding), recipe: text(raw.recipe) };
  const pages = pageCount(raw.pages);
  const tool = [text(raw.library), text(raw.version)].filter(Boolean).join(" ");
  return (
    <dl className="grid gap-4">
      <Row term="Text sha256">
        <Hash value={sha256} label="Text sha256" />
      </Row>
      <Row term="Length">
        <span data-testid="text-length">{formatNumber(length)}</span> code points
        <span className="block text-xs text-slate-600">Offsets count {offsetUnit}.</span>
      </Row>
      <Row term="Original file">
        {original ? (
          <span className="grid gap-1.5">
            <span className="break-all font-medium">{original.filename ?? "unnamed"}</span>
            <span className="text-xs text-slate-600">
              {original.mediaType}
              {original.size !== null && ` · ${formatBytes(original.size)} (${formatNumber(original.size)} bytes)`}
            </span>
            {original.sha256 && <Hash value={original.sha256} label="Original file sha256" />}
            <a
              href={`/api/v1/documents/${documentId}/original`}
              download
              className="justify-self-start text-sm font-medium text-slate-900 underline underline-offset-4 hover:text-slate-700"
            >
              Download original
            </a>
          </span>
        ) : (
          <span className="text-slate-600">No original file is stored.</span>
        )}
      </Row>
      <Row term="Extraction">
        <span className="grid gap-0.5">
          <span>
            {ex.method ?? "unknown"}
            {tool && <span className="text-slate-600"> · {tool}</span>}
          </span>
          {ex.encoding && <span className="text-xs text-slate-600">Encoding: {ex.encoding}</span>}
          {pages !== null && <span className="text-xs text-slate-600">{pages === 1 ? "1 page" : `${formatNumber(pages)} pages`}</span>}
          {ex.recipe && <span className="text-xs text-slate-600">{ex.recipe}</span>}
        </span>
      </Row>
      <Row term="Uploaded">
        {uploadedBy ? (
          <span title={uploadedBy.email}>
            {uploadedBy.name} <span className="text-slate-600">({uploadedBy.email})</span>
          </span>
        ) : (
          <span className="text-slate-600">a deleted account</span>
        )}
        <span className="block text-xs text-slate-600">
          <time dateTime={createdAt}>{DATE_TIME.format(new Date(createdAt))} UTC</time>
        </span>
      </Row>
    </dl>
  );
}
