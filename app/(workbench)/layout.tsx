import { AppHeader } from "@/components/app-shell/app-header";
import { requireUser } from "@/lib/api/session";

export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <AppHeader email={user.email} name={user.name} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
