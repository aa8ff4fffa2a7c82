import type { Entity } from "@/lib/entities/entity-shape";
import { AliasChips } from "./alias-chips";
import { ExternalIds } from "./external-ids";
import { typeName } from "./type-names";

/** Type, aliases, description, external ids and mention count, as a description list. */
export function EntityFacts({ entity, mentions }: { entity: Entity; mentions?: number }) {
  const rows: [string, React.ReactNode][] = [
    ["Type", typeName(entity.type)],
    ["Aliases", <AliasChips key="aliases" aliases={entity.aliases} />],
    ["Description", entity.description ? <p className="whitespace-pre-line">{entity.description}</p> : <span className="text-slate-600">—</span>],
    ["External ids", <ExternalIds key="ids" ids={entity.externalIds} />],
  ];
  if (mentions !== undefined) rows.push(["Mentions", <span className="tabular-nums">{mentions}</span>]);
  return (
    <dl className="grid gap-3 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="grid gap-1">
          <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{term}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
