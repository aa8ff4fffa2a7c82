import { AppError } from "@/lib/errors";
import { canonicalize } from "@/lib/text/canonical";
import { codePointLength, utf16ToCodePoint } from "@/lib/text/code-points";
import { sha256Hex, sha256HexBytes } from "@/lib/text/hash";
import { directionFromProfile, textProfile } from "@/lib/text/profile";
import type { IngestLimits } from "./limits";
import { storableText } from "./storable-string";
import type { Derived, IngestFailure, IngestOk } from "./types";

const MAX_TITLE = 500;

/**
 * The checks and derivations every route into a document shares (file, zip entry, paste):
 * canonicalize, refuse what holds no text or is too long, then hash, measure and profile.
 */
export function finishDocument({
  filename,
  derived,
  fallbackTitle,
  original,
  limits,
}: {
  filename: string;
  derived: Derived;
  fallbackTitle: string;
  original: { filename: string; mediaType: string; bytes: Uint8Array };
  limits: Pick<IngestLimits, "maxTextCodePoints">;
}): IngestOk {
  // A lone surrogate (a PDF's broken UTF-16, a JSON "\ud800") cannot be stored or hashed as
  // itself: PostgreSQL and sha256 both see U+FFFD, so the canonical text says so too.
  const text = canonicalize(derived.text).toWellFormed();
  if (!/\S/u.test(text)) throw new AppError("invalid_input", "contains no text");
  const nul = text.indexOf("\0");
  if (nul !== -1) {
    // PostgreSQL text cannot hold U+0000; files with NUL bytes were refused as binary already.
    const at = utf16ToCodePoint(text, nul);
    throw new AppError("invalid_input", `text contains a NUL character (U+0000) at character ${at}`, { offset: at });
  }
  const length = codePointLength(text);
  if (length > limits.maxTextCodePoints) {
    throw new AppError(
      "payload_too_large",
      `text is longer than the ${limits.maxTextCodePoints.toLocaleString("en")} code point limit`,
      { length, limit: limits.maxTextCodePoints },
    );
  }
  const profile = textProfile(text);
  const { direction, ...metadata } = derived.metadata;
  return {
    ok: true,
    filename,
    text,
    sha256: sha256Hex(text),
    length,
    title: cleanTitle(derived.title) ?? cleanTitle(fallbackTitle) ?? "Untitled",
    metadata: { ...storableMetadata(metadata), direction: direction ?? directionFromProfile(profile) },
    profile,
    extraction: dropUndefined(derived.extraction),
    original: { ...original, sha256: sha256HexBytes(original.bytes), size: original.bytes.length },
  };
}

/** Whitespace collapsed, at most 500 code points; undefined when nothing is left. */
export function cleanTitle(title: string | undefined): string | undefined {
  const s = title === undefined ? undefined : storableText(title).replace(/\s+/g, " ").trim();
  if (!s) return undefined;
  const cps = Array.from(s);
  return cps.length <= MAX_TITLE ? s : cps.slice(0, MAX_TITLE - 1).join("") + "…";
}

function storableMetadata<T extends object>(value: T): T {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(
    entries.flatMap(([k, v]) => {
      const clean = typeof v === "string" ? storableText(v).trim() : v;
      return clean === "" ? [] : [[k, clean]];
    }),
  ) as T;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function failure(filename: string, err: unknown): IngestFailure {
  if (err instanceof AppError) return { ok: false, filename, error: err };
  // A library failing in a way we did not foresee is still one file's problem, not the batch's.
  const reason = err instanceof Error ? err.message : String(err);
  return { ok: false, filename, error: new AppError("internal", `could not process this file: ${reason}`) };
}
