import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { withDatabase } from "./with-database";

export function runAuditVerify(): Promise<number> {
  return withDatabase(async () => {
    const report = await verifyAuditChain();
    if (report.ok) {
      console.log(`Audit chain intact: ${report.events} events, head ${report.lastHash}`);
      return 0;
    }
    console.log(`Audit chain BROKEN at event ${report.broken!.seq}: ${report.broken!.reason}`);
    console.log(`(${report.events} events before it verified)`);
    return 1;
  });
}
