"use client";

import { useState } from "react";
import { Alert, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** The one time a token's secret is visible: it lives only in this component's props. */
export function TokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Alert variant="warning" className="grid gap-3">
      <AlertTitle>Token “{name}” created. Copy it now: you won’t see it again.</AlertTitle>
      <p>Only a hash is stored. If you lose it, revoke it and create a new one.</p>
      <div className="flex max-w-2xl gap-2">
        <label htmlFor="new-token-secret" className="sr-only">
          New token secret
        </label>
        <Input
          id="new-token-secret"
          readOnly
          value={secret}
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono text-xs"
        />
        <Button variant="outline" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="text-xs">
        Use it as <code className="whitespace-nowrap rounded bg-white/70 px-1 font-mono">Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <span aria-live="polite" className="sr-only">
        {copied ? "Token copied to the clipboard" : ""}
      </span>
    </Alert>
  );
}
