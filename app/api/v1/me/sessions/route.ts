import { apiRoute } from "@/lib/api/handler";
import { endAllSessions } from "@/lib/users/end-all-sessions";

/**
 * Sign out everywhere: ends every browser session of the caller, the calling one included.
 * A token may call it too (a script reacting to a lost laptop); tokens themselves stay valid.
 */
export const DELETE = apiRoute(async ({ principal }) => endAllSessions({ userId: principal.userId }));
