"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightIcon, BoxesIcon, CheckIcon, FileCode2Icon, PencilIcon, PlayIcon, SparklesIcon } from "lucide-react";
import Link from "next/link";
import { useMemo, useState, type KeyboardEvent } from "react";
import { toast } from "sonner";
import { renderParts, templateParts } from "@/core/patterns/holes";
import { holeNameSchema } from "@/core/patterns/inputs";
import { Button } from "@/components/ui/button";
import { Badge, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { compressionLabel, holeColor, percent, plural, splitPath, type Span } from "./analysis-info";
import { CodeLines } from "./code-view";
import { PromoteDialog } from "./promote-dialog";

type Group = RouterOutputs["pattern"]["group"];

function Section({ id, title, description, children, actions }: { id: string; title: string; description?: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h3 id={id} className="text-[13px] font-semibold">
            {title}
          </h3>
          {description ? <p className="text-xs text-muted-foreground">{description}</p> : null}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The template with each hole as a coloured chip (`{{ name | filter }}`); `names` overrides hole names (a rename being typed). */
function TemplateView({ group, names }: { group: Group; names: Record<string, string> }) {
  const parts = templateParts(group.template);
  const index = new Map(group.holes.map((h, i) => [h.name, i]));
  if (!parts) return <pre className="rounded-lg border bg-surface p-3 font-mono text-xs">{group.template}</pre>;
  const spans: Span[] = parts.map((p) =>
    "text" in p ? { text: p.text } : { text: `{{ ${[names[p.hole] ?? p.hole, ...p.filters].join(" | ")} }}`, hole: index.get(p.hole) ?? 0 },
  );
  return <CodeLines spans={spans} label="Template code" className="max-h-[420px]" holeTitle={(i) => `Hole ${names[group.holes[i]!.name] ?? group.holes[i]!.name} (${group.holes[i]!.type})`} />;
}

/** One hole: its colour, name (renamed inline: Enter saves, Esc cancels), type and example values. */
function HoleRow({
  group,
  index,
  canEdit,
  editing,
  onEdit,
  onDraft,
  onRename,
  saving,
}: {
  group: Group;
  index: number;
  canEdit: boolean;
  editing: boolean;
  onEdit(on: boolean): void;
  onDraft(value: string | null): void;
  onRename(to: string): Promise<boolean>;
  saving: boolean;
}) {
  const hole = group.holes[index]!;
  const [value, setValue] = useState(hole.name);
  const [error, setError] = useState<string | null>(null);
  const examples = [...new Set(group.instances.map((i) => i.bindings[hole.name] ?? ""))];
  const stop = () => {
    setValue(hole.name);
    setError(null);
    onDraft(null);
    onEdit(false);
  };
  const save = async () => {
    const parsed = holeNameSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues[0]!.message);
    if (parsed.data !== hole.name && group.holes.some((h) => h.name === parsed.data)) return setError("Another hole has this name.");
    if (parsed.data === hole.name) return stop();
    if (await onRename(parsed.data)) {
      setError(null);
      onDraft(null);
      onEdit(false);
    }
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      stop();
    }
  };
  return (
    <li className="flex items-start gap-3 px-3 py-2">
      <span className={cn("mt-1 size-3 shrink-0 rounded-sm ring-1 ring-inset", holeColor(index))} aria-hidden />
      <div className="min-w-0 flex-1">
        {editing ? (
          <div>
            <input
              autoFocus
              value={value}
              aria-label={`New name for hole ${hole.name}`}
              aria-invalid={!!error}
              disabled={saving}
              onChange={(e) => {
                setValue(e.target.value);
                setError(null);
                onDraft(e.target.value);
              }}
              onKeyDown={onKey}
              onBlur={() => {
                if (!saving && value === hole.name) stop();
              }}
              className="h-7 w-full max-w-64 rounded-md border bg-surface px-2 font-mono text-[13px] focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/20 aria-invalid:border-danger"
            />
            <p className={cn("mt-1 text-[11px]", error ? "text-danger" : "text-muted-foreground")} role={error ? "alert" : undefined}>
              {error ?? "Enter to rename everywhere, Esc to cancel."}
            </p>
          </div>
        ) : (
          <div className="flex items-center gap-2">
            <code className="font-mono text-[13px] font-medium" data-testid="hole-name">
              {hole.name}
            </code>
            <Badge className="px-1.5 py-0 text-[10px]">{hole.type}</Badge>
            {canEdit ? (
              <button type="button" onClick={() => onEdit(true)} className="rounded p-0.5 text-muted-foreground hover:bg-surface-muted hover:text-foreground" aria-label={`Rename hole ${hole.name}`}>
                <PencilIcon className="size-3.5" />
              </button>
            ) : null}
          </div>
        )}
        <p className="mt-0.5 truncate font-mono text-[11px] text-muted-foreground" title={examples.join(", ")}>
          {examples.slice(0, 4).map((v) => (v === "" ? "(empty)" : JSON.stringify(v).slice(1, -1))).join(" · ")}
          {examples.length > 4 ? ` · +${examples.length - 4}` : ""}
        </p>
      </div>
    </li>
  );
}

/** One occurrence with a few lines of context; hole text highlighted. */
function OccurrencePane({ analysisId, group, index, onIndex, side }: { analysisId: string; group: Group; index: number; onIndex(i: number): void; side: string }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const occurrence = useQuery(trpc.pattern.occurrence.queryOptions({ workspaceId: workspace.id, analysisId, groupId: group.id, index }, { staleTime: 60_000 }));
  const spans = useMemo<Span[] | null>(() => {
    const o = occurrence.data;
    if (!o) return null;
    const holeIndex = new Map(group.holes.map((h, i) => [h.name, i]));
    const parts = renderParts(group.template, o.bindings) ?? [{ text: o.text, start: 0, end: o.text.length }];
    return [{ text: o.before, dim: true }, { text: o.indent }, ...parts.map((p) => (p.hole ? { text: p.text, hole: holeIndex.get(p.hole) ?? 0 } : { text: p.text })), { text: o.after, dim: true }];
  }, [occurrence.data, group.template, group.holes]);
  return (
    <div className="min-w-0">
      <label className="mb-1.5 flex items-center gap-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground">{side}</span>
        <select
          value={index}
          onChange={(e) => onIndex(Number(e.target.value))}
          aria-label={`Occurrence ${side}`}
          className="h-7 min-w-0 flex-1 rounded-md border bg-surface px-2 font-mono text-xs focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/20"
        >
          {group.instances.map((inst, i) => (
            <option key={i} value={i}>
              #{i + 1} {inst.file}:{inst.startLine}
            </option>
          ))}
        </select>
      </label>
      {occurrence.isError ? (
        <p className="rounded-lg border px-3 py-6 text-center text-sm text-danger">{toUiError(occurrence.error).message}</p>
      ) : spans && occurrence.data ? (
        <CodeLines spans={spans} firstLine={occurrence.data.beforeLine} label={`Occurrence ${index + 1} in ${occurrence.data.file}`} className="max-h-[460px]" holeTitle={(i) => `Hole ${group.holes[i]?.name}`} />
      ) : (
        <Skeleton className="h-64" />
      )}
    </div>
  );
}

/** A group: its template and holes (rename), the occurrences side by side, the bindings table, and Promote. */
export function GroupView({ analysisId, groupId, projectId, canEdit }: { analysisId: string; groupId: string; projectId: string; canEdit: boolean }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const group = useQuery(trpc.pattern.group.queryOptions({ workspaceId: workspace.id, analysisId, groupId }));
  const rename = useMutation(trpc.pattern.renameHole.mutationOptions());
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<{ hole: string; value: string } | null>(null);
  const [pair, setPair] = useState<{ group: string; a: number; b: number }>({ group: groupId, a: 0, b: 1 });
  const [promoting, setPromoting] = useState(false);
  const [a, b] = pair.group === groupId ? [pair.a, pair.b] : [0, 1];
  const setA = (i: number) => setPair({ group: groupId, a: i, b });
  const setB = (i: number) => setPair({ group: groupId, a, b: i });

  if (group.isPending) {
    return (
      <div className="grid gap-3" aria-busy>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-64" />
        <Skeleton className="h-40" />
      </div>
    );
  }
  if (group.isError) return <p className="rounded-lg border px-4 py-10 text-center text-sm text-danger">{toUiError(group.error).message}</p>;

  const g = group.data;
  const names: Record<string, string> = draft ? { [draft.hole]: draft.value || draft.hole } : {};
  const files = [...new Set(g.instances.map((i) => i.file))];
  const base = `/w/${workspace.slug}/projects/${projectId}`;

  async function onRename(from: string, to: string) {
    try {
      const updated = await rename.mutateAsync({ workspaceId: workspace.id, analysisId, groupId, from, to });
      queryClient.setQueryData(trpc.pattern.group.queryKey({ workspaceId: workspace.id, analysisId, groupId }), updated);
      await queryClient.invalidateQueries({ queryKey: trpc.pattern.get.queryKey({ workspaceId: workspace.id, analysisId }) });
      toast.success(`Renamed ${from} to ${to} in the template and ${plural(g.instances.length, "occurrence")}`);
      return true;
    } catch (e) {
      toast.error(toUiError(e).message);
      return false;
    }
  }

  return (
    <div data-testid="group-view">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2 className="flex items-center gap-2 text-base font-semibold">
            <span className="rounded bg-surface-muted px-1.5 font-mono text-xs text-muted-foreground">{g.id}</span>
            <span className="capitalize">{g.unit}</span> pattern
            <span className="font-normal text-muted-foreground">· {g.language}</span>
          </h2>
        </div>
        {g.promoted ? (
          <div className="flex flex-wrap items-center gap-2" data-testid="promoted-links">
            <Badge tone="accent">
              <CheckIcon className="mr-1 size-3" /> Promoted as {g.promoted.className}
            </Badge>
            <Button asChild size="sm" variant="secondary">
              <Link href={`${base}/models/${g.promoted.modelId}`}>
                <BoxesIcon /> Model
              </Link>
            </Button>
            <Button asChild size="sm" variant="secondary">
              <Link href={`${base}/templates/${g.promoted.templateId}`}>
                <FileCode2Icon /> Template
              </Link>
            </Button>
            <Button asChild size="sm">
              <Link href={`${base}/models/${g.promoted.modelId}/generate`}>
                <PlayIcon /> Generate
              </Link>
            </Button>
          </div>
        ) : canEdit ? (
          <Button size="sm" onClick={() => setPromoting(true)}>
            <SparklesIcon /> Promote to model
          </Button>
        ) : null}
      </div>

      <p className="mt-1 text-xs text-muted-foreground">
        {plural(g.instances.length, "occurrence")} in {plural(files.length, "file")} · {plural(g.stats.lines, "line")} each · {plural(g.stats.linesSaved, "line")} saved · {compressionLabel(g.stats.compression)} smaller · holes hold{" "}
        {percent(g.stats.holeShare)} of the code
      </p>

      <Section id={`template-${g.id}`} title="Template" description="Literal code is kept as is; each coloured chip is a hole, filled per occurrence.">
        <TemplateView group={g} names={names} />
      </Section>

      <Section id={`holes-${g.id}`} title={`Holes (${g.holes.length})`} description={canEdit ? "Rename a hole to give it a meaningful name: the template and every occurrence follow." : undefined}>
        {g.holes.length === 0 ? (
          <p className="rounded-lg border px-3 py-4 text-sm text-muted-foreground">The occurrences are identical: no holes.</p>
        ) : (
          <ul className="divide-y rounded-lg border bg-surface" aria-label="Holes">
            {g.holes.map((h, i) => (
              <HoleRow
                key={`${g.id}:${h.name}`}
                group={g}
                index={i}
                canEdit={canEdit}
                editing={editing === h.name}
                saving={rename.isPending}
                onEdit={(on) => setEditing(on ? h.name : null)}
                onDraft={(value) => setDraft(value === null ? null : { hole: h.name, value })}
                onRename={(to) => onRename(h.name, to)}
              />
            ))}
          </ul>
        )}
      </Section>

      <Section id={`occurrences-${g.id}`} title="Occurrences side by side" description="Pick two occurrences (or click rows in the table below); hole values are highlighted in each.">
        <div className="grid gap-3 xl:grid-cols-2">
          <OccurrencePane analysisId={analysisId} group={g} index={Math.min(a, g.instances.length - 1)} onIndex={setA} side="A" />
          <OccurrencePane analysisId={analysisId} group={g} index={Math.min(b, g.instances.length - 1)} onIndex={setB} side="B" />
        </div>
      </Section>

      <Section id={`bindings-${g.id}`} title="Bindings" description="One row per occurrence, one column per hole. Click a row to show it as occurrence B (Shift-click: A).">
        <div className="max-h-[360px] overflow-auto rounded-lg border bg-surface">
          <table className="w-full border-collapse text-left text-xs" aria-label="Bindings">
            <thead className="sticky top-0 bg-surface-muted text-[11px] uppercase tracking-wide text-muted-foreground">
              <tr>
                <th className="px-3 py-2 font-medium">#</th>
                <th className="px-3 py-2 font-medium">Where</th>
                {g.holes.map((h, i) => (
                  <th key={h.name} className="px-3 py-2 font-medium normal-case tracking-normal">
                    <span className={cn("rounded px-1 font-mono ring-1 ring-inset", holeColor(i))}>{names[h.name] ?? h.name}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.instances.map((inst, i) => {
                const [dir, file] = splitPath(inst.file);
                const shown = i === a || i === b;
                return (
                  <tr
                    key={i}
                    tabIndex={0}
                    aria-selected={shown}
                    onClick={(e) => (e.shiftKey ? setA(i) : setB(i))}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") (e.shiftKey ? setA : setB)(i);
                    }}
                    className={cn("cursor-pointer border-t hover:bg-surface-muted/60 focus-visible:bg-accent-soft/50 focus-visible:outline-none", shown && "bg-accent-soft/40")}
                  >
                    <td className="px-3 py-1.5 text-muted-foreground">
                      {i + 1}
                      {i === a ? <span className="ml-1 text-accent">A</span> : null}
                      {i === b ? <span className="ml-1 text-accent">B</span> : null}
                    </td>
                    <td className="max-w-72 truncate px-3 py-1.5 font-mono" title={`${inst.file}:${inst.startLine}-${inst.endLine}`}>
                      <span className="text-muted-foreground">{dir}</span>
                      {file}
                      <span className="text-muted-foreground">:{inst.startLine}</span>
                    </td>
                    {g.holes.map((h) => (
                      <td key={h.name} className="max-w-56 truncate px-3 py-1.5 font-mono" title={inst.bindings[h.name]}>
                        {inst.bindings[h.name] === "" ? <span className="text-muted-foreground">(empty)</span> : inst.bindings[h.name]}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>

      {canEdit && !g.promoted ? (
        <div className="mt-6 flex items-center justify-between gap-3 rounded-xl border border-dashed px-4 py-3">
          <p className="text-sm text-muted-foreground">Ready to generate this code instead of writing it? Promote the group to a meta-model, a model and a template.</p>
          <Button variant="secondary" size="sm" onClick={() => setPromoting(true)}>
            Promote <ArrowRightIcon />
          </Button>
        </div>
      ) : null}
      {canEdit ? <PromoteDialog analysisId={analysisId} group={g} projectId={projectId} open={promoting} onOpenChange={setPromoting} /> : null}
      {draft ? <span className="sr-only" aria-live="polite">{`Renaming ${draft.hole} to ${draft.value}`}</span> : null}
    </div>
  );
}
