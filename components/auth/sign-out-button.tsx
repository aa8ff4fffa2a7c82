"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTransition } from "react";
import { Button, type ButtonProps } from "@/components/ui/button";

export function SignOutButton({ variant = "outline", size = "sm", ...props }: ButtonProps) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant={variant}
      size={size}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await signOut({ redirect: false });
          router.replace("/sign-in");
          router.refresh();
        })
      }
      {...props}
    >
      Sign out
    </Button>
  );
}
