import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirect } from "@/lib/auth/safe-callback-url";
import { authSecret } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { signIn } from "@/lib/users/sign-in";
import { clientAddress } from "@/lib/auth/client-address";
import { endSession, liveSessionUser, startSession } from "@/lib/auth/sessions";
import { sessionMaxAgeMs } from "@/lib/auth/settings";

/** Thrown by the jwt callback for an ended session; next-auth then answers "no session". */
const SESSION_ENDED = "Session ended";

/**
 * next-auth (v4) with email + password. The session cookie is a signed JWT carrying the user id
 * and the id of a server-side Session row (lib/auth/sessions.ts), checked on every read.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: Math.floor(sessionMaxAgeMs() / 1000) },
    pages: { signIn: "/sign-in" },
    // next-auth logs credentials-provider errors with their request; keep passwords out of logs.
    logger: {
      error: (code, metadata) => {
        // An ended session is the expected outcome of sign-out, not an error worth a log line.
        if ((metadata as { message?: string } | undefined)?.message === SESSION_ENDED) return;
        console.error(`[auth] ${code}`);
      },
      warn: () => {},
      debug: () => {},
    },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            const user = await signIn({
              email: String(credentials?.email ?? ""),
              password: String(credentials?.password ?? ""),
              ip: clientAddress(req?.headers as Record<string, unknown> | undefined),
            });
            return { id: user.id, email: user.email, name: user.name };
          } catch (err) {
            // The message reaches the sign-in form as `error`.
            if (err instanceof AppError) throw new Error(err.message);
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = await startSession(user.id);
          return token;
        }
        // Every session read (pages, API, /api/auth/session) passes here: the row must still hold.
        const userId = await liveSessionUser(token.sid);
        if (!userId || userId !== token.uid) throw new Error(SESSION_ENDED);
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.uid as string;
        return session;
      },
      redirect: safeRedirect,
    },
    events: {
      async signOut({ token }) {
        await endSession(token?.sid);
      },
    },
  };
}
