import { randomBytes } from "node:crypto";

let counter = Math.floor(Math.random() * 36 ** 4);

/**
 * A collision-resistant id shaped like the cuids Prisma assigns (`c` + 24 lowercase base-36
 * characters): a bulk insert needs ids before the rows exist, so that a claim can cite the entity
 * imported beside it.
 */
export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(8, "0").slice(-8);
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(12, "0").slice(-12);
  return `c${time}${counter.toString(36).padStart(4, "0")}${random}`;
}
