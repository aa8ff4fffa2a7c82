import { Badge } from "@/components/ui/badge";
import type { Role } from "@/lib/db/generated/enums";

const VARIANT = { owner: "default", reviewer: "warning", annotator: "success", viewer: "secondary" } as const;

export function RoleBadge({ role }: { role: Role }) {
  return <Badge variant={VARIANT[role]}>{role}</Badge>;
}
