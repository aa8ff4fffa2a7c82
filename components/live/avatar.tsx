import { cn } from "@/components/ui/cn";
import { colorFor } from "@/lib/live/presence";

/** Up to two initials of a name ("Ann Annotator" → "AA", "ada" → "A"), by code point. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = (word: string | undefined) => (word ? [...word][0]!.toLocaleUpperCase() : "");
  return (first(words[0]) + (words.length > 1 ? first(words.at(-1)) : "")) || "?";
}

/** A person's round badge: initials on their colour (the same colour everywhere: list, carets, presence). */
export function Avatar({ user, className, ring }: { user: { id: string; name: string }; className?: string; ring?: boolean }) {
  return (
    <span
      title={user.name}
      aria-label={user.name}
      role="img"
      className={cn(
        "inline-flex size-6 shrink-0 select-none items-center justify-center rounded-full text-[0.625rem] font-semibold leading-none text-white",
        ring && "ring-2 ring-white",
        className,
      )}
      style={{ backgroundColor: colorFor(user.id) }}
    >
      {initials(user.name)}
    </span>
  );
}
