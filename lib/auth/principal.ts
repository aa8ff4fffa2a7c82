/** Who is calling: a signed-in browser session or a personal access token. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  isAdmin: boolean;
  via: "session" | "token";
  tokenId?: string;
  /** Tokens only: `read` may use safe methods alone (enforced in apiRoute). Sessions have no scope. */
  scope?: "read" | "write";
}
