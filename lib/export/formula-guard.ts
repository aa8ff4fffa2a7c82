/**
 * Spreadsheet formula injection (OWASP "CSV Injection"). Excel, LibreOffice and Google Sheets run
 * a text cell as a formula when it begins with = + - @, and they skip leading whitespace to find
 * that character; some also read the fullwidth forms ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20)
 * as their ASCII twins. A leading tab, CR or LF is guarded on its own, as OWASP lists it.
 *
 * The rule: a text cell is guarded when it starts with a tab, CR or LF, or when — after skipping
 * leading Unicode whitespace (\s: space, NBSP, U+2000–U+200A, U+3000, line breaks …), control
 * characters (\p{Cc}) and invisible format characters (\p{Cf}: zero-width space, BOM, bidi marks)
 * — its first character is one of = + - @ ＝ ＋ － ＠. A guarded cell gets a leading single quote,
 * which a spreadsheet shows as text and a reader can strip. Only text cells are guarded: numbers
 * (offsets, figure values) are written as numbers, so -5 stays -5.
 */
const LEADING_BREAK = /^[\t\r\n]/;
const FORMULA_AFTER_BLANKS = /^[\s\p{Cc}\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

export function isFormulaLike(text: string): boolean {
  return LEADING_BREAK.test(text) || FORMULA_AFTER_BLANKS.test(text);
}

export function guardFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/** How the export manifest describes the rule. */
export const FORMULA_GUARD_NOTE =
  "text cells that start with tab, CR or LF, or whose first character after leading whitespace, control and format characters is = + - @ or fullwidth ＝ ＋ － ＠, are prefixed with '";
