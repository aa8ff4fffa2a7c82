import mammoth from "mammoth";
import { Parser } from "htmlparser2";
import { AppError } from "@/lib/errors";
import { inspectZip, type ZipLimits } from "./read-zip";

/**
 * DOCX → text with mammoth's `extractRawText`: each paragraph followed by a blank line ("\n\n"),
 * which is kept as the separator; the trailing separator is dropped. Title and author come from
 * docProps/core.xml (dc:title, dc:creator).
 *
 * The container is inflated once under the zip limits before mammoth (JSZip) sees it, so a
 * compression bomb disguised as a .docx is refused like any other.
 */

export interface ExtractedDocx {
  text: string;
  title?: string;
  author?: string;
  language?: string;
}

const CORE = "docProps/core.xml";

export async function extractDocx(bytes: Uint8Array, limits: ZipLimits): Promise<ExtractedDocx> {
  const { names, kept } = await inspectZip(bytes, limits, (name) => name === CORE);
  if (!names.includes("word/document.xml")) {
    throw new AppError("unsupported_media_type", "not a DOCX (the archive has no word/document.xml)");
  }
  let raw: string;
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    raw = result.value;
  } catch (err) {
    throw new AppError("invalid_input", `could not read the DOCX: ${err instanceof Error ? err.message : String(err)}`);
  }
  const core = kept.get(CORE);
  return { text: raw.replace(/\n+$/, ""), ...(core ? coreProperties(core) : {}) };
}

/** dc:title, dc:creator and dc:language from the OPC core properties part. */
export function coreProperties(xml: Uint8Array): Omit<ExtractedDocx, "text"> {
  const values: Record<string, string> = {};
  let current: string | null = null;
  const parser = new Parser(
    {
      onopentag(name) {
        current = name;
        values[name] ??= "";
      },
      ontext(data) {
        if (current) values[current] += data;
      },
      onclosetag() {
        current = null;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(new TextDecoder().decode(xml));
  parser.end();
  const clean = (value: string | undefined) => value?.replace(/\s+/g, " ").trim() || undefined;
  const language = clean(values["dc:language"]);
  return {
    title: clean(values["dc:title"]),
    author: clean(values["dc:creator"]),
    language: language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) ? language : undefined,
  };
}
