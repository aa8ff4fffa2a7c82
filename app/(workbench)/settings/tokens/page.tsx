import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenTable } from "@/components/tokens/token-table";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { presentToken } from "@/lib/api/presenters";
import { requireUser } from "@/lib/api/session";
import { listTokens } from "@/lib/tokens/list-tokens";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Access tokens · Tracewell" };

export default async function TokensPage() {
  const principal = await requireUser();
  const tokens = (await listTokens({ userId: principal.userId })).map(presentToken);
  return (
    <>
      <PageHeader
        title="Access tokens"
        description={
          <>
            Personal access tokens let scripts and the CLI call the API as you. Send one as{" "}
            <code className="whitespace-nowrap font-mono text-xs">Authorization: Bearer …</code>.
          </>
        }
      />
      <div className="grid gap-8">
        <Card aria-labelledby="new-token-title">
          <CardHeader>
            <CardTitle id="new-token-title">New token</CardTitle>
            <CardDescription>The secret is shown once, right after you create it.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateTokenForm action={createTokenAction} />
          </CardContent>
        </Card>
        <Card aria-labelledby="tokens-title">
          <CardHeader>
            <CardTitle id="tokens-title">Your tokens</CardTitle>
            <CardDescription>Revoked tokens stay listed so their history remains visible.</CardDescription>
          </CardHeader>
          <CardContent>
            <TokenTable tokens={tokens} revoke={revokeTokenAction} now={Date.now()} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
