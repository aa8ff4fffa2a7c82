import { redirect } from "next/navigation";
import { sessionPrincipal } from "@/lib/auth/session";

export default async function Home() {
  redirect((await sessionPrincipal()) ? "/projects" : "/sign-in");
}
