import { strToU8, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { DEFAULT_LIMITS } from "@/lib/ingest/limits";
import { isSkippedZipEntry, isUnsafeZipPath, readZip, type ZipEntry } from "@/lib/ingest/read-zip";
import { fixture, rejection } from "./fixtures";

const text = (entry: ZipEntry) => ("bytes" in entry ? new TextDecoder().decode(entry.bytes) : `ERROR ${entry.error.message}`);

/** Pseudo-random, incompressible bytes. */
function noise(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe("readZip", () => {
  it("returns the files of a normal archive, skipping directories, __MACOSX and dotfiles", async () => {
    const entries = await readZip(fixture("bundle.zip"), DEFAULT_LIMITS);
    expect(entries.map((e) => e.name)).toEqual(["sources/first.txt", "sources/second.txt", "sources/page.html"]);
    expect(text(entries[0]!)).toBe("First source: the convoy left at dawn.\n");
    expect(text(entries[1]!)).toBe("Second source: roughly 300 vehicles.\r\n"); // bytes as stored
  });

  it("refuses the whole archive when any entry path is unsafe (422)", async () => {
    const err = await rejection(readZip(fixture("traversal.zip"), DEFAULT_LIMITS));
    expect(err.status).toBe(422);
    expect(err.message).toBe("unsafe path in zip: ../evil.txt");
  });

  it.each(["/etc/passwd", "C:/Windows/x.txt", "c:x.txt", "a\\..\\b.txt", "dir/../../x.txt", "a/b\\c.txt"])(
    "refuses the unsafe path %j",
    async (name) => {
      const zip = zipSync({ "fine.txt": strToU8("ok"), [name]: strToU8("bad") });
      const err = await rejection(readZip(zip, DEFAULT_LIMITS));
      expect(err.message).toBe(`unsafe path in zip: ${name}`);
    },
  );

  it("refuses a zip bomb while inflating, without trusting its headers (422)", async () => {
    // 50 MB of zeros compresses about 1000:1 at level 9.
    const bomb = zipSync({ "zeros.txt": new Uint8Array(50 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    const err = await rejection(readZip(bomb, DEFAULT_LIMITS));
    expect(err.status).toBe(422);
    expect(err.message).toBe("suspicious compression ratio (zip bomb?)");
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("stops inflating an entry whose header understates its size", async () => {
    const bomb = zipSync({ "zeros.txt": new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    // Rewrite the uncompressed size in the central directory to something harmless (1 KB).
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    for (let i = bomb.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 1024, true);
        break;
      }
    }
    // The stream is checked against the declared size as it inflates, so the lie stops it at 1 KB.
    const [entry] = await readZip(bomb, DEFAULT_LIMITS);
    expect(entry && "error" in entry && entry.error.status).toBe(422);
    expect(text(entry!)).toMatch(/^ERROR corrupt zip entry: /);
  });

  it("refuses an archive that inflates beyond the total limit (413)", async () => {
    const files: Zippable = {};
    for (let i = 0; i < 4; i++) files[`f${i}.txt`] = noise(40 * 1024, i + 1);
    const err = await rejection(readZip(zipSync(files), { ...DEFAULT_LIMITS, maxZipTotalBytes: 100 * 1024 }));
    expect(err.status).toBe(413);
    expect(err.message).toBe("zip expands beyond the 100 KB limit");
  });

  it("refuses an archive with too many entries (413)", async () => {
    const files: Zippable = {};
    for (let i = 0; i < 6; i++) files[`f${i}.txt`] = strToU8(`file ${i}`);
    const err = await rejection(readZip(zipSync(files), { ...DEFAULT_LIMITS, maxZipEntries: 5 }));
    expect(err.status).toBe(413);
    expect(err.message).toBe("zip has 6 entries; the limit is 5");
  });

  it("refuses one oversize entry and keeps the others", async () => {
    const zip = zipSync({ "big.txt": strToU8("a".repeat(5000)), "small.txt": strToU8("fine") });
    const entries = await readZip(zip, { ...DEFAULT_LIMITS, maxFileBytes: 1000 });
    expect(entries.map(text)).toEqual(["ERROR larger than the 1000 bytes limit", "fine"]);
    expect((entries[0] as { error: AppError }).error.status).toBe(413);
  });

  it("lets the caller refuse entries before inflating them", async () => {
    const zip = zipSync({ "inner.zip": zipSync({ "x.txt": strToU8("x") }), "a.txt": strToU8("a") });
    const entries = await readZip(zip, DEFAULT_LIMITS, {
      refuse: (name) => (name.endsWith(".zip") ? new AppError("unsupported_media_type", "nested zip archives are not expanded") : null),
    });
    expect(entries.map(text)).toEqual(["ERROR nested zip archives are not expanded", "a"]);
  });

  it("refuses a password-protected entry by itself", async () => {
    const zip = zipSync({ "secret.txt": strToU8("secret"), "open.txt": strToU8("open") });
    // Set the "encrypted" flag (bit 0) in the first central directory header.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i < zip.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
        break;
      }
    }
    const entries = await readZip(zip, DEFAULT_LIMITS);
    expect(entries.map(text)).toEqual(["ERROR entry is encrypted (password-protected zip)", "open"]);
  });

  it("refuses bytes that are not a readable archive (422)", async () => {
    const err = await rejection(readZip(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), DEFAULT_LIMITS));
    expect(err.status).toBe(422);
    expect(err.message).toMatch(/^could not read the zip archive: /);
  });

  it("decodes UTF-8 entry names", async () => {
    const entries = await readZip(zipSync({ "تقرير/مُلخّص 📄.txt": strToU8("x") }), DEFAULT_LIMITS);
    expect(entries.map((e) => e.name)).toEqual(["تقرير/مُلخّص 📄.txt"]);
  });
});

describe("zip entry names", () => {
  it.each([
    ["dir/", true],
    ["__MACOSX/dir/._a.txt", true],
    [".DS_Store", true],
    ["dir/.hidden.txt", true],
    ["dir/Thumbs.db", true],
    ["dir/a.txt", false],
    ["a..b.txt", false],
  ])("%j skipped: %s", (name, skipped) => {
    expect(isSkippedZipEntry(name)).toBe(skipped);
  });

  it.each([
    ["../x", true],
    ["a/../../x", true],
    ["/abs", true],
    ["D:/x", true],
    ["a\\b", true],
    ["a\0b", true],
    ["a/..b/c", false],
    ["normal/path.txt", false],
  ])("%j unsafe: %s", (name, unsafe) => {
    expect(isUnsafeZipPath(name)).toBe(unsafe);
  });
});
