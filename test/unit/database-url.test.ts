import { describe, expect, it } from "vitest";
import { assertLocalDatabaseUrl, databaseUrl } from "../helpers/database-url";

describe("the test database guard", () => {
  it.each([
    "postgresql://u:p@localhost:5432/db",
    "postgresql://u:p@127.0.0.1/db",
    "postgres://u:p@[::1]:5433/db",
    "postgresql://u@LOCALHOST/db",
    "postgresql://u@localhost/db?host=/var/run/postgresql",
  ])("accepts %s", (url) => {
    expect(() => assertLocalDatabaseUrl(url)).not.toThrow();
  });

  it.each([
    ["a remote host", "postgresql://u:p@db.example.com:5432/db", /db\.example\.com/],
    ["a LAN address", "postgresql://u:p@10.0.0.5/db", /10\.0\.0\.5/],
    ["localhost lookalikes", "postgresql://u:p@localhost.evil.com/db", /localhost\.evil\.com/],
    ["a host= override", "postgresql://u:p@localhost/db?host=prod.example.com", /prod\.example\.com/],
    ["no host at all", "postgresql:///db", /must name its host/],
    ["another scheme", "mysql://u:p@localhost/db", /postgresql:\/\//],
    ["garbage", "not a url", /not a valid/],
  ])("refuses %s", (_, url, message) => {
    expect(() => assertLocalDatabaseUrl(url)).toThrow(message);
  });

  it("swaps only the database name", () => {
    expect(databaseUrl("postgresql://u:p%40ss@127.0.0.1:5/tracewell?sslmode=disable", "t_1")).toBe(
      "postgresql://u:p%40ss@127.0.0.1:5/t_1?sslmode=disable",
    );
  });
});
