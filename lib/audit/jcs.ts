import { AppError } from "@/lib/errors";
import { findLoneSurrogate } from "@/lib/text/code-points";

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one byte string an audit event hashes to.
 *
 * Output is what RFC 8785 §3.2 prescribes: no whitespace; object members sorted by their names
 * as arrays of UTF-16 code units (§3.2.3, which is exactly JavaScript's default string order,
 * not locale order); numbers as ECMAScript's Number.prototype.toString (§3.2.2.3, -0 → "0");
 * strings escaped as JSON.stringify escapes them (§3.2.2.2: `\b \t \n \f \r \" \\`, other
 * controls as lowercase `\u00xx`, everything else literal).
 *
 * Instead of dropping or coercing what JSON cannot say, it refuses it with
 * AppError("invalid_input", …, { path }) — `path` is a JSON Pointer (RFC 6901) to the culprit:
 * - undefined (also as a member value or array hole), functions, symbols, bigint: JSON.stringify
 *   would drop or throw on these, and a silently dropped member would let two different
 *   in-memory events hash the same;
 * - NaN and ±Infinity (§3.2.2.3 says they MUST raise an error);
 * - strings or member names holding a lone surrogate: RFC 8785 §3.1 requires I-JSON (RFC 7493
 *   §2.1), whose strings are well-formed Unicode, and a lone surrogate has no UTF-8 encoding —
 *   TextEncoder would quietly turn it into U+FFFD, so two different strings would hash alike;
 * - anything that is not a plain object or array (Date, Map, class instances, objects with
 *   symbol keys) and cycles: JSON.stringify would call toJSON or lose data; convert first.
 * Duplicate member names cannot occur in a JavaScript object, so that I-JSON rule holds by itself.
 */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, "", out, new Set());
  return out.join("");
}

/** The UTF-8 bytes of canonicalize(value): the "event bytes" an RFC 6962 leaf hashes. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

function write(value: unknown, path: string, out: string[], open: Set<object>): void {
  switch (typeof value) {
    case "string":
      out.push(quote(value, path));
      return;
    case "number":
      if (!Number.isFinite(value)) refuse(path, `${value} is not a JSON number`);
      // ECMAScript Number::toString: shortest round-trip digits, exponent from 1e21 and below 1e-6.
      out.push(String(value));
      return;
    case "boolean":
      out.push(value ? "true" : "false");
      return;
    case "object":
      if (value === null) {
        out.push("null");
        return;
      }
      if (open.has(value)) refuse(path, "the value contains itself (a cycle)");
      open.add(value);
      if (Array.isArray(value)) writeArray(value, path, out, open);
      else writeObject(value, path, out, open);
      open.delete(value);
      return;
    default:
      refuse(path, `${typeof value} is not a JSON value`);
  }
}

function writeArray(items: unknown[], path: string, out: string[], open: Set<object>): void {
  out.push("[");
  // An index loop, not forEach, so holes are seen (as undefined) and refused.
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(",");
    write(items[i], `${path}/${i}`, out, open);
  }
  out.push("]");
}

function writeObject(object: object, path: string, out: string[], open: Set<object>): void {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    const name = (object as { constructor?: { name?: string } }).constructor?.name ?? "object";
    refuse(path, `${name} is not a plain object; convert it to JSON data first`);
  }
  if (Object.getOwnPropertySymbols(object).length > 0) refuse(path, "symbol-keyed members are not JSON");
  // Default sort compares UTF-16 code units, exactly the order RFC 8785 §3.2.3 prescribes.
  const names = Object.keys(object).sort();
  const record = object as Record<string, unknown>;
  out.push("{");
  names.forEach((name, i) => {
    const member = `${path}/${name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
    if (i > 0) out.push(",");
    out.push(quote(name, member), ":");
    write(record[name], member, out, open);
  });
  out.push("}");
}

function quote(s: string, path: string): string {
  const at = findLoneSurrogate(s);
  if (at >= 0) {
    const unit = s.charCodeAt(at).toString(16).toUpperCase();
    refuse(path, `lone surrogate U+${unit} at UTF-16 offset ${at}: RFC 8785 needs well-formed Unicode`);
  }
  return JSON.stringify(s);
}

function refuse(path: string, why: string): never {
  throw new AppError("invalid_input", `Cannot canonicalize ${path || "the value"}: ${why}`, { path });
}
