import type { IncomingMessage, ServerResponse } from "node:http";
import next from "next";

/**
 * Next.js prepared to serve from `dir`: the one place the CLI's server touches the framework, so
 * lib/cli stays framework-free like the rest of lib/ outside lib/api.
 */
export async function nextRequestHandler(options: {
  dev: boolean;
  dir: string;
  port: number;
}): Promise<(req: IncomingMessage, res: ServerResponse) => Promise<void>> {
  const app = next({ ...options, hostname: "localhost", turbopack: options.dev });
  await app.prepare();
  return app.getRequestHandler();
}
