import { z } from "zod";
import { ROLES } from "@/lib/auth/policies";
import { ZEmail } from "@/lib/users/schemas";

export const ZProjectName = z.string().trim().min(1, "Enter a project name").max(200);
export const ZProjectDescription = z.string().trim().max(5000);

export const ZCreateProject = z.object({
  name: ZProjectName,
  description: ZProjectDescription.optional(),
});

export const ZUpdateProject = z
  .object({ name: ZProjectName.optional(), description: ZProjectDescription.optional() })
  .refine((value) => value.name !== undefined || value.description !== undefined, {
    message: "Nothing to change: send name and/or description",
  });

export const ZRole = z.enum(ROLES);
export const ZAddMember = z.object({ email: ZEmail, role: ZRole });
export const ZChangeRole = z.object({ role: ZRole });

export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});
