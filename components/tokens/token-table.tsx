import { FormattedDate } from "@/components/format-date";
import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormState } from "@/components/forms/form-state";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import type { presentToken } from "@/lib/api/presenters";

type Token = ReturnType<typeof presentToken>;
type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

function TokenStatus({ token, now }: { token: Token; now: number }) {
  if (token.revokedAt) return <Badge variant="destructive">Revoked</Badge>;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return <Badge variant="secondary">Expired</Badge>;
  return <Badge variant="success">Active</Badge>;
}

export function TokenTable({ tokens, revoke, now }: { tokens: Token[]; revoke: Action; now: number }) {
  if (tokens.length === 0) {
    return <p className="text-sm text-slate-600">You have no access tokens yet.</p>;
  }
  return (
    <Table aria-label="Access tokens">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Token</Th>
          <Th>Scope</Th>
          <Th>Created</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <Td className="font-medium text-slate-900">{token.name}</Td>
            <Td>
              <code className="font-mono text-xs text-slate-700">{token.prefix}…</code>
            </Td>
            <Td>
              <Badge variant={token.scope === "write" ? "warning" : "secondary"}>{token.scope === "write" ? "Read and write" : "Read only"}</Badge>
            </Td>
            <Td className="text-slate-700">
              <FormattedDate iso={token.createdAt} />
            </Td>
            <Td className="text-slate-700">
              <FormattedDate iso={token.expiresAt} />
            </Td>
            <Td>
              <TokenStatus token={token} now={now} />
              {token.revokedAt && (
                <span className="ml-2 text-xs text-slate-600">
                  <FormattedDate iso={token.revokedAt} />
                </span>
              )}
            </Td>
            <Td className="text-right">
              {!token.revokedAt && (
                <ConfirmAction
                  action={revoke}
                  fields={{ tokenId: token.id }}
                  label="Revoke"
                  subject={token.name}
                  prompt="Scripts using it stop working at once."
                  confirmLabel="Yes, revoke"
                />
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
