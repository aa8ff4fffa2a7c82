import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkFileCount, DEFAULT_LIMITS, formatBytes, ingestLimits, tooLarge } from "@/lib/ingest/limits";

describe("ingestLimits", () => {
  it("has the documented defaults", () => {
    expect(ingestLimits({}, {})).toEqual({
      maxFileBytes: 20 * 1024 * 1024,
      maxTextCodePoints: 5_000_000,
      maxFilesPerUpload: 200,
      maxZipEntries: 2000,
      maxZipTotalBytes: 500 * 1024 * 1024,
      maxZipRatio: 200,
      zipRatioFloorBytes: 1024 * 1024,
      maxUploadExtractedBytes: 500 * 1024 * 1024,
      maxPdfPages: 2000,
      extractTimeoutMs: 60_000,
    });
    expect(DEFAULT_LIMITS.maxFileBytes).toBe(20 * 1024 * 1024);
  });

  it("reads the environment, and explicit overrides win", () => {
    const env = { TRACEWELL_MAX_FILE_BYTES: "1048576", TRACEWELL_MAX_TEXT_CODE_POINTS: "100", TRACEWELL_MAX_FILES_PER_UPLOAD: "3" };
    expect(ingestLimits({}, env)).toMatchObject({ maxFileBytes: 1048576, maxTextCodePoints: 100, maxFilesPerUpload: 3 });
    expect(ingestLimits({ maxFileBytes: 10 }, env).maxFileBytes).toBe(10);
    expect(ingestLimits({}, { TRACEWELL_MAX_FILE_BYTES: " " }).maxFileBytes).toBe(DEFAULT_LIMITS.maxFileBytes);
  });

  it("reads the extraction settings; the timeout in seconds, fractions allowed", () => {
    const env = { TRACEWELL_MAX_PDF_PAGES: "50", TRACEWELL_EXTRACT_TIMEOUT_S: "0.25", TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES: "1024" };
    expect(ingestLimits({}, env)).toMatchObject({ maxPdfPages: 50, extractTimeoutMs: 250, maxUploadExtractedBytes: 1024 });
  });

  it.each(["abc", "0", "-1", "Infinity"])("refuses TRACEWELL_EXTRACT_TIMEOUT_S=%j with the variable's name", (value) => {
    expect(() => ingestLimits({}, { TRACEWELL_EXTRACT_TIMEOUT_S: value })).toThrow(/TRACEWELL_EXTRACT_TIMEOUT_S must be a positive number of seconds/);
  });

  it.each(["TRACEWELL_MAX_PDF_PAGES", "TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES"])("refuses %s=1.5", (name) => {
    expect(() => ingestLimits({}, { [name]: "1.5" })).toThrow(new RegExp(`${name} must be a positive whole number`));
  });

  it.each(["abc", "0", "-5", "1.5"])("refuses TRACEWELL_MAX_FILE_BYTES=%j with the variable's name", (value) => {
    expect(() => ingestLimits({}, { TRACEWELL_MAX_FILE_BYTES: value })).toThrow(/TRACEWELL_MAX_FILE_BYTES/);
  });
});

describe("messages", () => {
  it.each([
    [20 * 1024 * 1024, "20 MB"],
    [500 * 1024 * 1024, "500 MB"],
    [1536, "1.5 KB"],
    [1024, "1 KB"],
    [300, "300 bytes"],
    [1, "1 byte"],
  ])("formatBytes(%i) = %s", (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it("words the size refusal as the issue does", () => {
    const err = tooLarge(21 * 1024 * 1024, DEFAULT_LIMITS);
    expect(err.status).toBe(413);
    expect(err.message).toBe("larger than the 20 MB limit");
  });

  it("checkFileCount refuses more files than allowed with 413", () => {
    expect(() => checkFileCount(200, DEFAULT_LIMITS)).not.toThrow();
    try {
      checkFileCount(201, DEFAULT_LIMITS);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(413);
      expect((err as AppError).message).toBe("too many files in one upload (201; the limit is 200)");
    }
  });
});
