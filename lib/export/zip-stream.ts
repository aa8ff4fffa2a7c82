import { Zip, ZipDeflate } from "fflate";

/**
 * A streaming zip for the bundle formats (brat, csv), over fflate's `Zip`/`ZipDeflate`. Every
 * call returns the bytes it produced, so a writer can yield them at once: nothing accumulates
 * beyond fflate's deflate window.
 *
 * Deterministic: every entry carries the export time as its modification time. Zip stores local
 * DOS time, which would make the bytes depend on the server's time zone, so the date handed to
 * fflate is built from the UTC fields (a zip listing shows the export time in UTC), and the
 * exact instant is also stored in an extended-timestamp field (0x5455) that unzip tools prefer.
 *
 * Limits: fflate writes no ZIP64 records, so an archive holds at most 65,535 entries and 4 GiB.
 * Past either, this throws instead of writing a corrupt archive.
 */

const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

export class ZipLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipLimitError";
  }
}

function dosDate(instant: Date): Date {
  return new Date(
    instant.getUTCFullYear(),
    instant.getUTCMonth(),
    instant.getUTCDate(),
    instant.getUTCHours(),
    instant.getUTCMinutes(),
    instant.getUTCSeconds(),
  );
}

function extendedTimestamp(instant: Date): Uint8Array {
  const seconds = Math.floor(instant.getTime() / 1000);
  const field = new Uint8Array(5);
  field[0] = 1; // flags: modification time present
  new DataView(field.buffer).setUint32(1, seconds >>> 0, true);
  return field;
}

export interface ZipEntry {
  /** Adds bytes to the entry; returns archive bytes ready to send. */
  write(data: Uint8Array): Uint8Array[];
  /** Finishes the entry; returns archive bytes ready to send. */
  end(): Uint8Array[];
}

export class ZipStream {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private entries = 0;
  private written = 0;
  private open = false;
  private readonly mtime: Date;
  private readonly extra: Record<number, Uint8Array>;

  constructor(modified: Date) {
    this.mtime = dosDate(modified);
    this.extra = { 0x5455: extendedTimestamp(modified) };
    this.zip = new Zip((error, data) => {
      if (error) throw error;
      this.written += data.length;
      if (this.written > MAX_BYTES) throw new ZipLimitError("the archive would pass 4 GiB, which needs ZIP64; export fewer documents at a time");
      this.pending.push(data);
    });
  }

  private drain(): Uint8Array[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Opens an entry; entries are written one after the other, never interleaved. */
  entry(name: string): ZipEntry {
    if (this.open) throw new Error(`zip entry ${name} opened before the previous one ended`);
    if (++this.entries > MAX_ENTRIES) {
      throw new ZipLimitError(`more than ${MAX_ENTRIES} files in one archive needs ZIP64; export fewer documents at a time`);
    }
    const file = new ZipDeflate(name, { level: 6 });
    file.mtime = this.mtime;
    file.extra = this.extra;
    this.zip.add(file);
    this.open = true;
    let size = 0;
    return {
      write: (data) => {
        size += data.length;
        if (size > MAX_BYTES) throw new ZipLimitError(`${name} would pass 4 GiB, which needs ZIP64`);
        if (data.length > 0) file.push(data, false);
        return this.drain();
      },
      end: () => {
        file.push(new Uint8Array(0), true);
        this.open = false;
        return this.drain();
      },
    };
  }

  /** A whole entry at once. */
  file(name: string, data: Uint8Array): Uint8Array[] {
    const entry = this.entry(name);
    return [...entry.write(data), ...entry.end()];
  }

  end(): Uint8Array[] {
    this.zip.end();
    return this.drain();
  }
}
