import { addMember } from "@/lib/memberships/add-member";
import { AppError } from "@/lib/errors";
import { resolveAdmin, resolveProject } from "./project-actor";
import { withDatabase } from "./with-database";

/**
 * `tracewell member add --project P --email E --role R [--as ADMIN]`: the UI's add-member (same
 * validation, same audit event) for operators and scripts, acting as an instance admin.
 */
export function runMemberAdd(values: { project?: string; email?: string; role?: string; as?: string }): Promise<number> {
  if (!values.project || !values.email || !values.role) {
    throw new AppError("bad_request", "member add needs --project P, --email E and --role owner|reviewer|annotator|viewer");
  }
  return withDatabase(async () => {
    const project = await resolveProject(values.project!);
    const actor = await resolveAdmin(values.as);
    const member = await addMember({ actorId: actor.id, projectId: project.id, input: { email: values.email, role: values.role } });
    console.log(`Added ${member.email} to "${project.name}" as ${member.role} (by ${actor.email})`);
    return 0;
  });
}
