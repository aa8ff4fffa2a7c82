import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { ProjectTabs } from "@/components/documents/project-tabs";
import { AddMemberForm } from "@/components/projects/add-member-form";
import { EditProjectForm } from "@/components/projects/edit-project-form";
import { LabelManager } from "@/components/labels/label-manager";
import { LabelTable } from "@/components/projects/label-table";
import { MemberTable } from "@/components/projects/member-table";
import { ProjectFacts } from "@/components/projects/project-facts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { presentLabel, presentMember, presentProject } from "@/lib/api/presenters";
import { can } from "@/lib/auth/policies";
import { requireProjectPage } from "@/lib/api/session";
import { listLabels } from "@/lib/labels/list-labels";
import { listMembers } from "@/lib/memberships/list-members";
import { getProject } from "@/lib/projects/get-project";
import { addMemberAction, changeRoleAction, removeMemberAction, updateProjectAction } from "./actions";

export const metadata: Metadata = { title: "Project · Tracewell" };

type Props = { params: Promise<{ projectId: string }> };

export default async function ProjectPage({ params }: Props) {
  const { projectId } = await params;
  const { principal, access } = await requireProjectPage(projectId, "project.read");
  const canEdit = can(access.role, "project.update");
  const canManage = can(access.role, "member.manage");
  const canManageLabels = can(access.role, "label.manage");
  const [project, members, labels] = await Promise.all([
    getProject(access).then(presentProject),
    can(access.role, "member.read") ? listMembers({ projectId }).then((rows) => rows.map(presentMember)) : [],
    listLabels({ projectId }).then((rows) => rows.map(presentLabel)),
  ]);

  return (
    <>
      <PageHeader title={project.name} description={project.description || "No description yet."}>
        <ProjectFacts role={project.role} memberCount={project.memberCount} documentCount={project.documentCount} />
      </PageHeader>
      <ProjectTabs projectId={projectId} current="overview" documentCount={project.documentCount} />
      <div className="grid gap-8">
        <Card aria-labelledby="members-title">
          <CardHeader>
            <CardTitle id="members-title">Members</CardTitle>
            <CardDescription>
              {canManage ? "Who can work in this project, and what each of them may do." : "Who can work in this project."}
            </CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <MemberTable
              members={members}
              currentUserId={principal.userId}
              manage={
                canManage
                  ? { changeRole: changeRoleAction.bind(null, projectId), remove: removeMemberAction.bind(null, projectId) }
                  : undefined
              }
            />
            {canManage && (
              <div className="border-t border-slate-200 pt-6">
                <AddMemberForm action={addMemberAction.bind(null, projectId)} />
              </div>
            )}
          </CardContent>
        </Card>
        <div className={canEdit ? "grid items-start gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]" : "grid gap-8"}>
          <Card aria-labelledby="labels-title">
            <CardHeader>
              <CardTitle id="labels-title">Labels</CardTitle>
              <CardDescription>
                What annotators tag spans as; press the hotkey while text is selected.
                {canManageLabels && " A label in use cannot be deleted."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              {canManageLabels ? <LabelManager projectId={projectId} labels={labels} /> : <LabelTable labels={labels} />}
            </CardContent>
          </Card>
          {canEdit && (
            <Card aria-labelledby="details-title">
              <CardHeader>
                <CardTitle id="details-title">Project details</CardTitle>
                <CardDescription>Only owners can rename a project.</CardDescription>
              </CardHeader>
              <CardContent>
                <EditProjectForm
                  action={updateProjectAction.bind(null, projectId)}
                  name={project.name}
                  description={project.description}
                />
              </CardContent>
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
