import { auditedTransaction, type AuditedTransactionOptions } from "@/lib/audit/audited-transaction";

/**
 * An audited writer that records its event, then waits inside its open transaction until
 * released: for showing what other writers and the sealer do while a transaction is still open.
 */
export function parkedWriter(userId: string, name: string, options?: AuditedTransactionOptions) {
  let release!: () => void;
  let parked!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const isParked = new Promise<void>((resolve) => (parked = resolve));
  const done = auditedTransaction(async (tx, audit) => {
    const project = await tx.project.create({ data: { name } });
    await audit({ action: "project.created", subjectType: "project", subjectId: project.id, projectId: project.id, actorId: userId, data: { name, description: "" } });
    parked();
    await gate;
  }, options);
  return { release, isParked, done };
}
