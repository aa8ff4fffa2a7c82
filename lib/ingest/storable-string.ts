/**
 * PostgreSQL refuses U+0000 in text columns and lone surrogates in JSON (the audit event's data),
 * and it did so *inside* the store transaction, after earlier files of the same upload had been
 * committed — a 500 for a request that had half succeeded. Names and metadata come from the
 * uploader (file names, PDF Info strings, DOCX core properties, HTML meta tags), so every string
 * bound for a column is made storable first.
 */

// C0 controls other than tab, LF and CR, and DEL: never meaningful in a title or an author.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Metadata (titles, authors …): controls dropped (PDF Info strings often end in NUL), lone surrogates → U+FFFD. */
export function storableText(value: string): string {
  return value.replace(CONTROLS, "").toWellFormed();
}

/** A file name: each control becomes U+FFFD, visibly, so two odd names do not collapse into one. */
export function storableName(value: string): string {
  return value.replace(CONTROLS, "\uFFFD").toWellFormed();
}
