import { cn } from "@/components/ui/cn";
import { formatNumber } from "./format";

interface ProfileField {
  key: string;
  label: string;
  /** Why a non-zero count matters: these are what shift offsets or rendering in other tools. */
  risk?: string;
}

// Keys as lib/text/profile.ts computes them; any other numeric key is listed after these.
const FIELDS: ProfileField[] = [
  { key: "codePoints", label: "Code points" },
  { key: "lines", label: "Lines" },
  { key: "paragraphs", label: "Paragraphs" },
  { key: "emoji", label: "Emoji", risk: "Emoji are often several code points (ZWJ sequences, flags, skin tones)." },
  { key: "astral", label: "Outside the BMP", risk: "Two UTF-16 units each: JavaScript and Java offsets differ from code points." },
  { key: "combiningMarks", label: "Combining marks", risk: "A visible character may be several code points; normalization would change offsets." },
  { key: "rtlParagraphs", label: "Right-to-left paragraphs", risk: "Check that spans are selected in logical, not visual, order." },
  { key: "controlCharacters", label: "Control characters", risk: "Invisible; some tools drop or rewrite them." },
  { key: "zeroWidth", label: "Zero-width characters", risk: "Invisible; copied quotes may silently differ." },
  { key: "longLines", label: "Very long lines", risk: "Some viewers and diff tools truncate or wrap them." },
  { key: "longestLine", label: "Longest line (code points)" },
];

function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The counts that tell whether this text will survive other tools' offset arithmetic. */
export function TextProfile({ profile }: { profile: unknown }) {
  const values = (profile && typeof profile === "object" ? profile : {}) as Record<string, unknown>;
  const known = new Set(FIELDS.map((field) => field.key));
  const fields = [
    ...FIELDS.filter((field) => typeof values[field.key] === "number"),
    ...Object.keys(values)
      .filter((key) => !known.has(key) && typeof values[key] === "number")
      .map((key) => ({ key, label: humanize(key) }) as ProfileField),
  ];
  if (fields.length === 0) return <p className="text-sm text-slate-600">No profile was recorded for this text.</p>;
  const warnings = fields.filter((field) => field.risk && (values[field.key] as number) > 0);
  return (
    <div className="grid gap-3">
      <dl className="grid grid-cols-[1fr_auto] gap-x-4 text-sm" data-testid="text-profile">
        {fields.map((field) => {
          const value = values[field.key] as number;
          const warn = Boolean(field.risk) && value > 0;
          return (
            <div
              key={field.key}
              className={cn("col-span-2 grid grid-cols-subgrid items-baseline rounded px-2 py-1", warn && "bg-amber-50 text-amber-950")}
              data-warning={warn || undefined}
            >
              <dt className={cn("flex items-center gap-1.5", warn ? "font-medium" : "text-slate-700")}>
                {warn && (
                  <svg aria-hidden viewBox="0 0 16 16" className="size-3.5 shrink-0 fill-amber-600">
                    <path d="M8 1.5 15 14H1L8 1.5Zm-.75 4.5v4h1.5V6h-1.5Zm0 5.25v1.5h1.5v-1.5h-1.5Z" />
                  </svg>
                )}
                {field.label}
                {warn && <span className="sr-only"> (check)</span>}
              </dt>
              <dd className="text-right tabular-nums">{formatNumber(value)}</dd>
            </div>
          );
        })}
      </dl>
      {warnings.length > 0 && (
        <ul className="grid list-disc gap-1 pl-5 text-xs text-slate-700">
          {warnings.map((field) => (
            <li key={field.key}>
              <span className="font-medium">{field.label}:</span> {field.risk}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
