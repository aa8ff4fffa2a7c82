import type { ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";

/**
 * One dashboard card: title, what it counts, its chart and its table. `wide` spans the whole row
 * with the chart beside the table; `empty`, when set, is said instead of both.
 */
export function Section({
  id,
  title,
  description,
  className,
  wide = false,
  empty,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  className?: string;
  wide?: boolean;
  empty?: string | false;
  children: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} data-testid={id} className={cn("min-w-0", wide && "lg:col-span-2", className)}>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="grid gap-5">
        {empty ? (
          <p className="text-sm text-slate-600">{empty}</p>
        ) : wide ? (
          <div className="grid items-start gap-5 lg:grid-cols-[2fr_3fr]">{children}</div>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}
