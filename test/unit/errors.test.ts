import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, toErrorBody, type ErrorCode } from "@/lib/errors";

const EXPECTED_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
};

describe("toErrorBody", () => {
  it("documents exactly the expected codes", () => {
    expect(ERROR_STATUS).toEqual(EXPECTED_STATUS);
  });

  it.each(Object.entries(EXPECTED_STATUS) as [ErrorCode, number][])("AppError %s → %i", (code, status) => {
    const err = new AppError(code, `message for ${code}`);
    expect(err.status).toBe(status);
    expect(toErrorBody(err)).toEqual({ status, body: { error: { code, message: `message for ${code}` } } });
  });

  it("passes details through, and omits the key when there are none", () => {
    const withDetails = toErrorBody(new AppError("too_many_requests", "Slow down", { retryAfter: 60 }));
    expect(withDetails.body.error.details).toEqual({ retryAfter: 60 });
    expect("details" in toErrorBody(new AppError("conflict", "Taken")).body.error).toBe(false);
  });

  it("turns a ZodError into 400 bad_request with every issue and its path", () => {
    const schema = z.object({ name: z.string().min(1, "Enter a name"), tags: z.array(z.string()) });
    const result = schema.safeParse({ name: "", tags: ["ok", 3] });
    expect(result.success).toBe(false);
    const { status, body } = toErrorBody(result.error);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toBe("name: Enter a name");
    const issues = (body.error.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((issue) => issue.path)).toEqual(["name", "tags.1"]);
    expect(issues[0]!.message).toBe("Enter a name");
  });

  it("names the input when the issue is at the root", () => {
    const result = z.string().safeParse(42);
    const { body } = toErrorBody(result.error);
    expect(body.error.message).toMatch(/^input: /);
    expect((body.error.details as { issues: { path: string }[] }).issues[0]!.path).toBe("");
  });

  it.each([
    ["an Error", new Error("password=hunter2 at db.internal:5432")],
    ["a TypeError", new TypeError("cannot read x of undefined (secret)")],
    ["a string", "raw string with secret"],
    ["null", null],
    ["an object", { message: "secret", code: "conflict", status: 409 }],
  ])("maps %s to 500 internal without leaking its message", (_, thrown) => {
    const { status, body } = toErrorBody(thrown);
    expect(status).toBe(500);
    expect(body).toEqual({ error: { code: "internal", message: "Internal server error" } });
    expect(JSON.stringify(body)).not.toMatch(/secret|hunter2|undefined/);
  });

  it("maps a unique-constraint race (Prisma P2002) to 409 conflict, without the constraint's details", () => {
    const { status, body } = toErrorBody({ code: "P2002", meta: { target: ["projectId", "userId"] }, message: "Unique constraint failed" });
    expect(status).toBe(409);
    expect(body.error.code).toBe("conflict");
    expect(JSON.stringify(body)).not.toMatch(/userId|Unique constraint/);
  });
});
