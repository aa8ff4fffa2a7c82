import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { toErrorBody } from "@/lib/errors";

// The last line of defence: PostgreSQL's refusals of NUL, as they really arrive through Prisma's
// pg adapter, are a 400 rather than a 500 (the boundaries refuse these strings first).

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

it("maps 22021 (NUL in text) to 400", async () => {
  const err = await errorOf(db().user.findMany({ where: { id: "a\u0000" } }));
  expect(err).not.toBeNull();
  expect(toErrorBody(err)).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
});

it("maps 22P05 (\\u0000 in jsonb) to 400", async () => {
  const err = await errorOf(db().document.updateMany({ where: { id: "none" }, data: { profile: { a: "x\u0000" } } }));
  expect(err).not.toBeNull();
  expect(toErrorBody(err)).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
});

it("leaves other database errors a 500", async () => {
  const err = await errorOf(db().$queryRawUnsafe("SELECT * FROM no_such_table"));
  expect(toErrorBody(err).status).toBe(500);
});
