import { Brand } from "@/components/app-shell/brand";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center gap-8 px-4 py-12">
      <header>
        <Brand href="/" className="text-xl" />
      </header>
      <main className="w-full max-w-sm">{children}</main>
      <footer className="max-w-sm text-center text-xs text-slate-600">
        Annotation and provenance workbench: every fact traces back to the exact characters it came from.
      </footer>
    </div>
  );
}
