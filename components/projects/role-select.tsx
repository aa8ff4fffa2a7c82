import type { ComponentProps } from "react";
import { Select } from "@/components/ui/select";
import { ROLES } from "@/lib/auth/policies";

export function RoleSelect(props: ComponentProps<typeof Select>) {
  return (
    <Select name="role" {...props}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </Select>
  );
}
