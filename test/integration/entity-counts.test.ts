import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "@/lib/annotations/create-annotation";
import { deleteAnnotation } from "@/lib/annotations/delete-annotation";
import { createPastedDocument } from "@/lib/documents/upload-documents";
import { countLinksByEntity } from "@/lib/entities/count-links";
import { createEntity } from "@/lib/entities/create-entity";
import { mergeEntities } from "@/lib/entities/merge-entities";
import { createProject } from "@/lib/projects/create-project";
import { makeUser, type TestUser } from "../helpers/users";

// Written here: an Arabic-script name after an astral character, so code points and UTF-16 differ.
const TEXT = "𝟙 Al-Shabaab fighters left Baidoa; الشباب denied it. Al-Shabaab later returned.";

const span = (needle: string, from = 0) => {
  const at = TEXT.indexOf(needle, from);
  const start = [...TEXT.slice(0, at)].length;
  return { start, end: start + [...needle].length };
};

let owner: TestUser;
let projectId: string;

beforeAll(async () => {
  owner = await makeUser({ name: "Counting owner" });
  projectId = (await createProject({ actorId: owner.user.id, input: { name: "Entity counts" } })).id;
});

const entity = (name: string, project = projectId) => createEntity({ actorId: owner.user.id, projectId: project, input: { name } });
const link = (documentId: string, at: { start: number; end: number }, entityId: string) =>
  createAnnotation({ actorId: owner.user.id, documentId, input: { label: "Entity", ...at, attributes: { entityId } } });

describe("countLinksByEntity", () => {
  it("counts live links per entity in the project, a merged entity's links for its target", async () => {
    const group = await entity("Al-Shabaab");
    const arabic = await entity("الشباب");
    const town = await entity("Baidoa");
    const unused = await entity("Nobody links here");
    const doc = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "Report", text: TEXT } })).document.id;
    const other = (await createPastedDocument({ actorId: owner.user.id, projectId, input: { title: "Again", text: `${TEXT} (copy)` } })).document.id;

    await link(doc, span("Al-Shabaab"), group.id);
    await link(other, span("Al-Shabaab", 20), group.id);
    await link(doc, span("الشباب"), arabic.id);
    const gone = await link(doc, span("Baidoa"), town.id);
    await link(other, span("Baidoa"), town.id);
    await deleteAnnotation({ actorId: owner.user.id, access: { projectId, role: "owner", annotationId: gone.id, documentId: doc }, input: { version: gone.version } });

    expect(Object.fromEntries(await countLinksByEntity({ projectId }))).toEqual({ [group.id]: 2, [arabic.id]: 1, [town.id]: 1 });

    await mergeEntities({ actorId: owner.user.id, projectId, entityId: group.id, input: { from: [arabic.id] } });
    const counts = await countLinksByEntity({ projectId });
    expect(counts.get(group.id)).toBe(3);
    expect(counts.has(arabic.id)).toBe(false);
    expect(counts.get(unused.id) ?? 0).toBe(0);
  });

  it("sees nothing of another project", async () => {
    const elsewhere = (await createProject({ actorId: owner.user.id, input: { name: "Elsewhere" } })).id;
    await entity("Elsewhere group", elsewhere);
    expect((await countLinksByEntity({ projectId: elsewhere })).size).toBe(0);
  });
});
