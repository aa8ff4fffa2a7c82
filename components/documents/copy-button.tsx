"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a value (a hash, an id) to the clipboard and says so, visibly and to screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <>
      <Button variant="outline" size="sm" onClick={copy} className="h-7 px-2">
        {copied ? "Copied" : "Copy"}
        <span className="sr-only"> {label}</span>
      </Button>
      <span aria-live="polite" className="sr-only">
        {copied ? `${label} copied to the clipboard` : ""}
      </span>
    </>
  );
}
