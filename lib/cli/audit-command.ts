import { verifyAuditLog } from "@/lib/audit/verify-log";
import { withDatabase } from "./with-database";

/**
 * `tracewell audit verify [--checkpoint FILE]… [--public-key FILE]`. Read-only: it seals nothing
 * (the running app's sealer does), so events not yet sealed are counted, not verified.
 */
export function runAuditVerify(values: { checkpoint?: string[]; "public-key"?: string }): Promise<number> {
  return withDatabase(async () => {
    const report = await verifyAuditLog({ checkpointFiles: values.checkpoint ?? [], publicKeyFile: values["public-key"] });
    const summary = `${report.treeSize} sealed events, root ${report.rootHash}, ${report.checkpoints} stored checkpoints, ${report.externalCheckpoints} external checkpoints, ${report.unsealed} not yet sealed`;
    if (report.ok) {
      console.log(`Audit log intact: ${summary}`);
      return 0;
    }
    const [first] = report.problems;
    console.log(`Audit log BROKEN${first!.seq ? ` at seq ${first!.seq}` : ""}: ${first!.reason}`);
    for (const problem of report.problems.slice(1)) console.log(`  also${problem.seq ? ` (seq ${problem.seq})` : ""}: ${problem.reason}`);
    console.log(`(${summary})`);
    return 1;
  });
}
