import pg from "pg";

/** One plain `pg` connection for the length of `fn`: for work outside Prisma (migrations, set-up). */
export async function withPgClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
