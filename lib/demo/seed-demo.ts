import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { addMember } from "@/lib/memberships/add-member";
import { createProject } from "@/lib/projects/create-project";
import { createUser } from "@/lib/users/create-user";
import { assignDocuments } from "@/lib/workflow/assign-documents";
import { seedDemoCorpus } from "./seed-corpus";

export const DEMO_PASSWORD = "tracewell-demo";

export const DEMO_USERS = [
  { email: "owner@demo.local", name: "Olivia Owner", role: "owner" },
  { email: "analyst@demo.local", name: "Amir Analyst", role: "annotator" },
  { email: "reviewer@demo.local", name: "Rosa Reviewer", role: "reviewer" },
] as const;

/**
 * On an empty instance (no users at all), creates the demo accounts and the demo project through
 * the same services as everything else, so the demo data is audited like real data. Returns
 * whether it seeded.
 */
export async function seedDemo(): Promise<boolean> {
  if ((await db().user.count()) > 0) return false;
  const [owner, ...others] = DEMO_USERS;
  const ownerUser = await createUser({ email: owner.email, name: owner.name, password: DEMO_PASSWORD, via: "demo" });
  for (const user of others) {
    await createUser({ email: user.email, name: user.name, password: DEMO_PASSWORD, via: "demo", actorId: ownerUser.id });
  }
  const project = await createProject({
    actorId: ownerUser.id,
    input: {
      name: "Demo: regional security briefings",
      description:
        "Fictional analyst sources for trying out claims, entities and figures: attributed claims, figures with qualifiers, one armed group under many names, Arabic-script names, an emoji channel post, an HTML page and a PDF.",
    },
  });
  for (const user of others) {
    await addMember({ actorId: ownerUser.id, projectId: project.id, input: { email: user.email, role: user.role } });
  }
  const corpus = await seedDemoCorpus({ actorId: ownerUser.id, projectId: project.id });
  if (corpus.errors.length > 0) console.warn(`Demo corpus: ${corpus.errors.join("; ")}`);
  // The analyst annotates and the reviewer reviews every demo document: both find them under "Your work".
  const analyst = await db().user.findUnique({ where: { email: others[0].email } });
  const reviewer = await db().user.findUnique({ where: { email: others[1].email } });
  const documentIds = (await db().document.findMany({ where: { projectId: project.id }, select: { id: true } })).map((d) => d.id);
  if (analyst && reviewer && documentIds.length > 0) {
    await assignDocuments({ actorId: ownerUser.id, projectId: project.id, input: { documentIds, annotators: [analyst.id], reviewer: reviewer.id } });
  }
  return true;
}

/**
 * The demo accounts that still sign in with the published password (an operator who changed
 * their passwords has closed that door; their mere existence is harmless).
 */
export async function demoAccountsWithPublishedPassword(): Promise<string[]> {
  const users = await db().user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } }, select: { email: true, passwordHash: true } });
  const open: string[] = [];
  for (const user of users) if (user.passwordHash && (await verifyPassword(user.passwordHash, DEMO_PASSWORD))) open.push(user.email);
  return open;
}
