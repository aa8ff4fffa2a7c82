import type { ComponentProps } from "react";
import { cn } from "./cn";

export const fieldClasses =
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm " +
  "placeholder:text-slate-500 focus-visible:border-slate-900 focus-visible:outline-2 focus-visible:outline-offset-0 " +
  "focus-visible:outline-slate-900 disabled:cursor-not-allowed disabled:opacity-60 " +
  "aria-[invalid=true]:border-red-600";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(fieldClasses, "h-9 py-1", className)} {...props} />;
}
