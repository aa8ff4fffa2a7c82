import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { STATUS_NAMES, type Status } from "@/components/progress/look";
import type { Mention, MentionsByDocument } from "@/lib/entities/entity-mentions";

const STATUS_BADGE = { pending: "warning", accepted: "success", rejected: "destructive" } as const;

const codePoints = (text: string) => [...text].length;

/** The reader at the mention's characters (the annotation selected and scrolled into view). */
export function mentionHref(projectId: string, documentId: string, mention: Pick<Mention, "annotationId">) {
  return `/projects/${projectId}/documents/${documentId}?annotation=${encodeURIComponent(mention.annotationId)}`;
}

/** before … **exact** … after, the match marked; each direction-isolated for Arabic-script texts. */
function KeywordInContext({ mention, length }: { mention: Mention; length: number }) {
  const cutBefore = codePoints(mention.before) < mention.start;
  const cutAfter = mention.end + codePoints(mention.after) < length;
  return (
    <bdi dir="auto" className="[overflow-wrap:anywhere]">
      {cutBefore && "…"}
      {mention.before}
      <mark className="rounded-sm bg-amber-200 px-0.5 font-semibold text-slate-900">{mention.exact}</mark>
      {mention.after}
      {cutAfter && "…"}
    </bdi>
  );
}

/** Every mention of an entity, grouped by document in upload order, each opening the reader there. */
export function MentionList({ projectId, groups }: { projectId: string; groups: MentionsByDocument[] }) {
  if (groups.length === 0) {
    return <p className="text-sm text-slate-600">No annotation links to this entity yet. Link one from an entity annotation in the reader.</p>;
  }
  return (
    <div className="grid gap-6">
      {groups.map(({ document, mentions }) => (
        <section key={document.id} aria-labelledby={`mentions-${document.id}`} data-document-id={document.id} className="grid gap-2">
          <h3 id={`mentions-${document.id}`} className="flex flex-wrap items-baseline gap-2 text-sm font-semibold text-slate-900">
            <Link href={`/projects/${projectId}/documents/${document.id}`} className="underline-offset-2 hover:underline">
              <bdi>{document.title}</bdi>
            </Link>
            <span className="text-xs font-normal text-slate-600">
              {mentions.length} mention{mentions.length === 1 ? "" : "s"}
            </span>
          </h3>
          <ol className="grid gap-1.5">
            {mentions.map((mention) => (
              <li key={mention.annotationId} className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 rounded-md border border-slate-200 px-3 py-2 text-sm">
                <Link
                  href={mentionHref(projectId, document.id, mention)}
                  className="min-w-0 flex-1 leading-relaxed text-slate-800 hover:text-slate-950 hover:underline hover:decoration-slate-400 hover:underline-offset-4"
                >
                  <KeywordInContext mention={mention} length={document.length} />
                  <span className="sr-only">
                    {" "}
                    (characters {mention.start} to {mention.end})
                  </span>
                </Link>
                <span className="flex shrink-0 items-center gap-2 text-xs text-slate-600">
                  <span className="font-mono" aria-hidden>
                    {mention.start}–{mention.end}
                  </span>
                  <Badge variant={STATUS_BADGE[mention.status as Status] ?? "secondary"}>{STATUS_NAMES[mention.status as Status] ?? mention.status}</Badge>
                </span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
