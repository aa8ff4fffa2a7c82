import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: the Content-Security-Policy nonce (lib/http/security-headers.ts)
// is new for each response, and a page prerendered at build time would carry scripts without it.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Tracewell",
  description: "Annotation and provenance workbench",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
