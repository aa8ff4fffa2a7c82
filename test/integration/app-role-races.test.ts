import { describe, expect, it } from "vitest";
import { ensureLoginRole, grantAppRole, roleAttributes } from "@/lib/db/app-role";
import { withCredentials } from "@/lib/db/app-role";
import { currentDatabaseUrl } from "../helpers/database";

/**
 * The app starting while a CLI command runs (and test servers sharing a cluster) prepare the same
 * role at the same moment; PostgreSQL then refuses one of them with "tuple concurrently updated".
 * Seen in CI as a failed `tracewell user create` during the e2e run.
 */
describe("preparing the app role from many processes at once", () => {
  it("succeeds for every one of them", async () => {
    const owner = currentDatabaseUrl();
    const role = { name: `race_${process.pid}`, password: "race-password-1" };
    const runs = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? ensureLoginRole(owner, role) : ensureLoginRole(owner, role).then(() => grantAppRole(owner, role.name)),
    );
    const results = await Promise.allSettled(runs);
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const attributes = await roleAttributes(withCredentials(owner, role.name, role.password));
    expect(attributes).toMatchObject({ name: role.name, superuser: false, ownsTables: false });
  });
});
