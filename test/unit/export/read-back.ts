import { unzipSync } from "fflate";

/** Small readers for the exported formats, written from the formats' rules, not from our writers. */

/** Python's str.splitlines() (what brat uses to read .ann files). */
export function pythonSplitlines(text: string): string[] {
  const lines = text.split(/\r\n|[\n\v\f\r\u001c-\u001e\u0085\u2028\u2029]/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Python-style s[start:end] over code points (what spaCy and brat slice). */
export function pySlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join("");
}

export function unzip(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function utf8Text(bytes: Uint8Array | undefined): string {
  if (!bytes) throw new Error("missing file");
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** RFC 4180 records (fields may hold commas, doubled quotes and line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += '"', i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else if (c === "\n" || c === "\r") throw new Error(`bare line break outside quotes at ${i}`);
    else field += c;
  }
  if (field !== "" || row.length > 0) throw new Error("the last record does not end with CRLF");
  return rows;
}

export interface BratTextBound {
  id: string;
  type: string;
  spans: [number, number][];
  text: string;
}

/** T lines of an .ann file, as brat's _split_textbound_data reads them. */
export function bratTextBounds(ann: string): BratTextBound[] {
  return pythonSplitlines(ann)
    .filter((line) => line.startsWith("T"))
    .map((line) => {
      const [id, data, ...rest] = line.split("\t");
      const [type, offsets] = [data!.slice(0, data!.indexOf(" ")), data!.slice(data!.indexOf(" ") + 1)];
      const spans = offsets.split(";").map((pair) => pair.split(" ").map(Number) as [number, number]);
      return { id: id!, type, spans, text: rest.join("\t") };
    });
}
