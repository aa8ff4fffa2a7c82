import { AppError } from "@/lib/errors";
import { canonicalize } from "@/lib/text/canonical";
import { findLoneSurrogate, utf16ToCodePoint } from "@/lib/text/code-points";
import { CANONICAL_STEPS } from "./derive-text";
import { cleanTitle, failure, finishDocument } from "./finish-document";
import { ingestLimits, tooLarge, type IngestLimits } from "./limits";
import type { IngestResult } from "./types";

/**
 * Pasted text (or JSON `{ title, text }`): canonicalized like a file. The original is the text
 * exactly as pasted, as UTF-8. Synchronous. Without a title, the first non-blank line is used.
 */
export function ingestPastedText({
  title,
  text,
  limits,
}: {
  title?: string;
  text: string;
  limits?: Partial<IngestLimits>;
}): IngestResult {
  const lim = ingestLimits(limits);
  const filename = cleanTitle(title) ?? "pasted text";
  try {
    // A lone surrogate has no UTF-8 form: hashing would silently turn it into U+FFFD.
    const lone = findLoneSurrogate(text);
    if (lone !== -1) {
      const at = utf16ToCodePoint(text, lone);
      throw new AppError("invalid_input", `text is not valid Unicode (a lone surrogate at character ${at})`, { offset: at });
    }
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > lim.maxFileBytes) throw tooLarge(bytes.length, lim);
    const firstLine = canonicalize(text).split("\n").find((line) => /\S/u.test(line));
    return finishDocument({
      filename,
      derived: { text, title, metadata: {}, extraction: { method: "paste", recipe: `pasted text → ${CANONICAL_STEPS}` } },
      fallbackTitle: firstLine ? Array.from(firstLine.trim()).slice(0, 80).join("") : "Pasted text",
      original: { filename: "pasted-text.txt", mediaType: "text/plain", bytes },
      limits: lim,
    });
  } catch (err) {
    return failure(filename, err);
  }
}
