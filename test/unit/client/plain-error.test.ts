import { describe, expect, it } from "vitest";
import { ApiError } from "@/components/annotations/api";
import { CONFLICT_MESSAGE, plainError } from "@/components/annotations/plain-error";

describe("plainError: the API's errors in the analyst's words", () => {
  it("names the panel's field instead of the API's path", () => {
    expect(plainError(new ApiError(400, "bad_request", "attributes.canonicalName: Too big: expected string to have <=200 characters"))).toBe(
      "Canonical name: too big: expected string to have <=200 characters",
    );
    expect(plainError(new ApiError(422, "invalid_input", "attributes.asOf: Invalid ISO date"))).toBe("As of: invalid ISO date");
    // A path the panel has no name for stays as the server said it.
    expect(plainError(new ApiError(422, "invalid_input", "zzz.q: odd"))).toBe("zzz.q: odd");
  });

  it("explains conflicts: a newer version, or claims citing an entity", () => {
    expect(plainError(new ApiError(409, "conflict", "stale", { current: { id: "a" } }))).toBe(CONFLICT_MESSAGE);
    expect(plainError(new ApiError(409, "conflict", "2 claim(s) …", { citingClaims: 2 }))).toBe("2 claims name this entity as its source. Change their source first.");
  });

  it("says what to do on a lost session, a lost connection and a server failure", () => {
    expect(plainError(new ApiError(401, "unauthorized", "Sign in"))).toMatch(/^Your session has ended/);
    expect(plainError(new ApiError(0, "network", "The server could not be reached. Check your connection and try again."))).toMatch(/could not be reached/);
    expect(plainError(new ApiError(500, "internal", "Internal server error"))).toBe("The server could not save this change. Try again in a moment.");
    expect(plainError(new TypeError("x"))).toBe("Something went wrong. Try again.");
  });
});
