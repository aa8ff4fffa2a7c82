import type { ComponentProps } from "react";
import { cn } from "./cn";
import { fieldClasses } from "./input";

/** A styled native <select>: keyboard, screen-reader and mobile behaviour come for free. */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(fieldClasses, "h-9 w-auto py-1 pr-8", className)} {...props} />;
}
