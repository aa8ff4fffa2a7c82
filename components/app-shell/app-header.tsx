import { SignOutButton } from "@/components/auth/sign-out-button";
import { Brand } from "./brand";
import { NavLink } from "./nav-link";

export function AppHeader({ email, name }: { email: string; name: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5 sm:px-6">
        <Brand href="/projects" />
        <nav aria-label="Main" className="order-last -ml-3 flex w-full items-center gap-1 sm:order-none sm:ml-0 sm:w-auto">
          <NavLink href="/projects">Projects</NavLink>
          <NavLink href="/settings/tokens">Access tokens</NavLink>
          <NavLink href="/settings/account">Account</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3">
          <span className="hidden text-sm text-slate-600 sm:inline" title={name}>
            <span className="sr-only">Signed in as </span>
            {email}
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
