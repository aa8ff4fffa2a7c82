import { authRoute } from "@/lib/api/auth-route";

export { authRoute as GET, authRoute as POST };
