import { json, TextChunks } from "./chunks";
import { tagTokens, type TagCounts } from "./conll-tags";
import { bufferedDocuments } from "./events";
import { documentFacts, manifestHeader } from "./manifest";
import { NameMap } from "./names";
import { sentenceBreaks, tokenize } from "./tokenize";
import type { ExportContext, ExportEvent, ExportLabel, ExportWriter } from "./types";

/**
 * CoNLL-2003-style BIO (IOB2). Four space-separated columns as in CoNLL-2003 — token, POS, chunk,
 * NER tag — with "-X-" placeholders for POS and chunk, which Tracewell does not annotate; readers
 * that take the first and last column (spaCy's `convert`, flair's ColumnCorpus) work unchanged.
 * Each document starts with "-DOCSTART- -X- -X- O" and a blank line; a blank line ends each
 * sentence.
 *
 * The export facts are comment lines starting "# tracewell-": the manifest first, one line per
 * document before its -DOCSTART- (id, sha256, length and the counts of the overlap rule), and an
 * end line with the totals. No token line can start that way, so `grep -v '^# tracewell-'`
 * leaves plain CoNLL for readers without comment support.
 */

const PLACEHOLDERS = "-X- -X-";
const WHITESPACE = /[\s\u001c-\u001f\u0085]+/gu;

/** A tag label: the label name with whitespace runs as "_" (tokens split on whitespace). */
function tagLabel(name: string): string {
  return name.trim().replace(WHITESPACE, "_") || "LABEL";
}

function details(tags: NameMap, labels: ExportLabel[]): Record<string, unknown> {
  return {
    columns: "token POS chunk NER, space-separated (CoNLL-2003); POS and chunk are -X- placeholders",
    tagScheme: "IOB2: B- starts a span, I- continues it, O is outside",
    tags: Object.fromEntries(labels.map((label) => [label.name, tags.get(label.id, label.name)])),
    tokenizer: "Unicode word boundaries (UAX #29, ICU via Intl.Segmenter, root locale); whitespace dropped; punctuation marks and emoji sequences are single tokens",
    sentences: "a line break ends a sentence, as does . ! ? … (and CJK, Arabic, Devanagari forms) followed by whitespace; never inside a kept span",
    overlaps: "spans sharing a token: longest first (code points), then earliest start, then id; the others are dropped and counted",
    misaligned: "a kept span whose first or last token extends beyond it is tagged on those whole tokens and counted",
    comments: "lines starting '# tracewell-' hold the manifest, per-document facts and the end totals",
  };
}

function addCounts(total: TagCounts, counts: TagCounts): void {
  total.spans += counts.spans;
  total.overlapsDropped += counts.overlapsDropped;
  total.misaligned += counts.misaligned;
  total.noTokens += counts.noTokens;
}

async function* writeConll(events: AsyncIterable<ExportEvent>, context: ExportContext): AsyncGenerator<Uint8Array> {
  const tags = new NameMap(tagLabel);
  const out = new TextChunks();
  const header = manifestHeader("conll", context, details(tags, context.labels));
  let chunk = out.write(`# tracewell-manifest: ${json(header)}\n`);
  if (chunk) yield chunk;
  const totals: TagCounts = { spans: 0, overlapsDropped: 0, misaligned: 0, noTokens: 0 };
  let documents = 0;
  let annotations = 0;
  for await (const { scope, annotations: spans } of bufferedDocuments(events)) {
    documents++;
    annotations += spans.length;
    const tokens = tokenize(scope.document.text);
    const { owner, tags: bio, counts } = tagTokens(tokens, spans);
    addCounts(totals, counts);
    const breaks = sentenceBreaks(scope.index, tokens);
    const facts = { ...documentFacts(scope.document), annotations: spans.length, tokens: tokens.length, ...counts };
    chunk = out.write(`# tracewell-document: ${json(facts)}\n-DOCSTART- ${PLACEHOLDERS} O\n\n`);
    if (chunk) yield chunk;
    for (let t = 0; t < tokens.length; t++) {
      const o = owner[t]!;
      const label = spans[o]?.label;
      const tag = label ? `${bio[t]}-${tags.get(label.id, label.name)}` : "O";
      const keepTogether = o >= 0 && owner[t + 1] === o;
      const end = breaks[t] && !keepTogether ? "\n\n" : "\n";
      chunk = out.write(`${tokens[t]!.text} ${PLACEHOLDERS} ${tag}${end}`);
      if (chunk) yield chunk;
    }
  }
  const mapped = Object.fromEntries(tags.entries());
  const unlisted = Object.fromEntries(Object.entries(mapped).filter(([id]) => !context.labels.some((l) => l.id === id)));
  const end = { documents, annotations, ...totals, ...(Object.keys(unlisted).length ? { unlistedLabelTags: unlisted } : {}) };
  chunk = out.write(`# tracewell-end: ${json(end)}\n`);
  if (chunk) yield chunk;
  const rest = out.flush();
  if (rest) yield rest;
}

export const conllWriter: ExportWriter = {
  format: "conll",
  mediaType: "text/plain; charset=utf-8",
  extension: "conll",
  write: writeConll,
};
