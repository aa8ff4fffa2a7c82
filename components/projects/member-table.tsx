import { ConfirmAction } from "@/components/forms/confirm-action";
import type { FormState } from "@/components/forms/form-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { presentMember } from "@/lib/api/presenters";
import { MemberRoleForm } from "./member-role-form";
import { RoleBadge } from "./role-badge";

type Member = ReturnType<typeof presentMember>;
type Action = (previous: FormState, formData: FormData) => Promise<FormState>;

interface MemberTableProps {
  members: Member[];
  currentUserId: string;
  /** Present only for callers allowed to manage members. */
  manage?: { changeRole: Action; remove: Action };
}

export function MemberTable({ members, currentUserId, manage }: MemberTableProps) {
  return (
    <Table aria-label="Members">
      <thead>
        <tr>
          <Th>Email</Th>
          <Th>Name</Th>
          <Th>Role</Th>
          {manage && (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {members.map((member) => {
          const self = member.userId === currentUserId;
          return (
            <tr key={member.userId}>
              <Td className="whitespace-nowrap font-medium text-slate-900">
                {member.email}
                {self && <span className="ml-2 text-xs font-normal text-slate-600">(you)</span>}
              </Td>
              <Td className="text-slate-700">{member.name}</Td>
              <Td>
                {manage ? (
                  <MemberRoleForm action={manage.changeRole} userId={member.userId} email={member.email} role={member.role} />
                ) : (
                  <RoleBadge role={member.role} />
                )}
              </Td>
              {manage && (
                <Td className="text-right">
                  <ConfirmAction
                    action={manage.remove}
                    fields={{ userId: member.userId }}
                    label="Remove"
                    subject={member.email}
                    prompt={self ? "Remove yourself from this project?" : `Remove ${member.email}?`}
                    confirmLabel="Yes, remove"
                  />
                </Td>
              )}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
