import { redirect } from "next/navigation";
import { sessionPrincipal } from "@/lib/api/session";

export default async function Home() {
  redirect((await sessionPrincipal()) ? "/projects" : "/sign-in");
}
