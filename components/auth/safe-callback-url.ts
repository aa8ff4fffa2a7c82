// The rule lives in lib/auth (next-auth's redirect callback uses it too); pages import it from here.
export { safeCallbackUrl } from "@/lib/auth/safe-callback-url";
