import { afterEach, describe, expect, it, vi } from "vitest";
import { checkSettings } from "@/lib/cli/check-settings";

afterEach(() => vi.unstubAllEnvs());

const SETTINGS = [
  "PORT",
  "TRACEWELL_MAX_FILE_BYTES",
  "TRACEWELL_MAX_TEXT_CODE_POINTS",
  "TRACEWELL_MAX_FILES_PER_UPLOAD",
  "TRACEWELL_MAX_UPLOAD_EXTRACTED_BYTES",
  "TRACEWELL_MAX_PDF_PAGES",
  "TRACEWELL_EXTRACT_TIMEOUT_S",
  "TRACEWELL_EXTRACT_WORKERS",
  "TRACEWELL_MAX_JSON_BYTES",
  "TRACEWELL_MAX_UPLOAD_BYTES",
  "TRACEWELL_MAX_IMPORT_BYTES",
  "TRACEWELL_SESSION_MAX_AGE_H",
  "TRACEWELL_SESSION_IDLE_H",
  "TRACEWELL_SIGNUP",
];

describe("checkSettings, run by `tracewell serve` before anything starts", () => {
  it("accepts the defaults", () => {
    for (const name of SETTINGS) vi.stubEnv(name, "");
    vi.stubEnv("PORT", "3000");
    expect(() => checkSettings()).not.toThrow();
  });

  it.each(SETTINGS)("refuses a mistyped %s, naming it", (name) => {
    vi.stubEnv(name, "-12x");
    expect(() => checkSettings()).toThrow(name);
  });
});
