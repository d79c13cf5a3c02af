"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangleIcon, ArrowUpCircleIcon, CheckCircle2Icon, CheckIcon, ChevronDownIcon, CircleAlertIcon, NetworkIcon, RadioIcon, TagIcon } from "lucide-react";
import Link from "next/link";
import { createContext, useContext, useState, type ReactNode } from "react";
import { toast } from "sonner";
import { compareSemver } from "@/core/templates/versions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Badge, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";
import { ChangeList } from "./versions-changes";

/**
 * The model's meta-model version, in the model header: which version it conforms to ("Shop v1.2.0"
 * or "Shop (live draft)"), a menu to pin another, and an "Upgrade available" badge when a newer
 * version is published. Switching always goes through a preview: the changes, and the problems the
 * model would have under the target, each with its fix.
 */

type ModelRow = RouterOutputs["model"]["get"];

export interface ModelMetamodelVersion {
  row: ModelRow;
  metamodelHref: string;
  /** Editors in a live project may switch; everyone may look. */
  canPin: boolean;
}

const VersionContext = createContext<ModelMetamodelVersion | null>(null);

/** Given by the model page, read by the model header (the editor between them passes nothing). */
export function ModelMetamodelVersionProvider({ value, children }: { value: ModelMetamodelVersion; children: ReactNode }) {
  return <VersionContext.Provider value={value}>{children}</VersionContext.Provider>;
}

export function useModelMetamodelVersion(): ModelMetamodelVersion | null {
  return useContext(VersionContext);
}

const shown = (version: string) => (version === "draft" ? "live draft" : `v${version}`);

/** What moving from `from` to `to` is called, for titles and buttons. */
function moveLabel(from: string, to: string): { title: string; action: string } {
  if (to === "draft") return { title: "Follow the live draft", action: "Follow the live draft" };
  if (from === "draft") return { title: `Pin version ${to}`, action: `Pin ${to}` };
  return compareSemver(to, from) > 0 ? { title: `Upgrade to ${to}`, action: `Upgrade to ${to}` } : { title: `Go back to ${to}`, action: `Switch to ${to}` };
}

function ProblemRow({ p }: { p: RouterOutputs["model"]["upgradePreview"]["problems"][number] }) {
  return (
    <li className="flex gap-2 px-1 py-1 text-[12.5px]">
      {p.severity === "error" ? <CircleAlertIcon className="mt-0.5 size-3.5 shrink-0 text-danger" aria-label="Error" /> : <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-warning" aria-label="Warning" />}
      <span className="min-w-0">
        <span className="block">
          {p.code === "orphaned-value" && p.feature ? <span className="mr-1 rounded bg-warning/15 px-1 font-mono text-[11.5px]">{p.feature}</span> : null}
          {p.message}
          {p.isNew ? null : <span className="ml-1.5 text-[11px] text-muted-foreground">(already now)</span>}
        </span>
        <span className="block text-muted-foreground">
          <span className="font-medium text-foreground/80">Fix:</span> {p.fix}
        </span>
      </span>
    </li>
  );
}

function PreviewBody({ ctx, target, onDone }: { ctx: ModelMetamodelVersion; target: string; onDone(): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { row } = ctx;
  const preview = useQuery({ ...trpc.model.upgradePreview.queryOptions({ workspaceId: workspace.id, modelId: row.id, version: target }), staleTime: 0 });
  const pin = useMutation(trpc.model.setMetamodelVersion.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const label = moveLabel(row.metamodelVersion, target);

  async function apply() {
    setError(null);
    try {
      await pin.mutateAsync({ workspaceId: workspace.id, modelId: row.id, version: target });
      await queryClient.invalidateQueries({ queryKey: trpc.model.pathKey() });
      toast.success(target === "draft" ? `${row.name} now follows the live draft of ${row.metamodelName}` : `${row.name} now conforms to ${row.metamodelName} ${target}`);
      onDone();
    } catch (e) {
      setError(toUiError(e).message);
    }
  }

  if (preview.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true">
        <Skeleton className="h-5 w-52" />
        <Skeleton className="h-16" />
        <Skeleton className="h-5 w-64" />
        <Skeleton className="h-16" />
      </div>
    );
  }
  if (preview.isError) {
    return (
      <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
        {toUiError(preview.error).message}
      </p>
    );
  }
  const { changes, problems } = preview.data;
  const fresh = problems.filter((p) => p.isNew);
  const orphans = problems.filter((p) => p.code === "orphaned-value");
  const errors = problems.filter((p) => p.severity === "error").length;
  return (
    <div className="grid gap-4">
      <section aria-label="What changed" className="grid gap-1.5">
        <h3 className="text-[13px] font-medium">
          What changed <span className="font-normal text-muted-foreground">({shown(row.metamodelVersion)} → {shown(target)})</span>
        </h3>
        <ChangeList changes={changes} empty="The two versions are the same: nothing changes for this model." className="max-h-52 overflow-y-auto rounded-md border p-2" />
      </section>
      <section aria-label="What breaks" className="grid gap-1.5">
        <h3 className="flex items-center gap-2 text-[13px] font-medium">
          What the model would need after the switch
          {problems.length ? (
            <span className="font-normal text-muted-foreground">
              {problems.length} {problems.length === 1 ? "problem" : "problems"}
              {fresh.length !== problems.length ? `, ${fresh.length} new` : ""} · {errors} {errors === 1 ? "error" : "errors"}
            </span>
          ) : null}
        </h3>
        {problems.length === 0 ? (
          <p className="flex items-center gap-2 rounded-md border border-dashed px-3 py-3 text-[13px] text-muted-foreground">
            <CheckCircle2Icon className="size-4 text-success" /> The model conforms to {shown(target)} as it is: nothing to fix.
          </p>
        ) : (
          <ul className="max-h-64 overflow-y-auto rounded-md border p-1.5" aria-label="Problems after the switch" data-testid="upgrade-problems">
            {problems.map((p, i) => (
              <ProblemRow key={`${p.code}-${p.objectId}-${p.featureId}-${i}`} p={p} />
            ))}
          </ul>
        )}
        {orphans.length ? (
          <p className="text-[12px] text-muted-foreground">
            {orphans.length === 1 ? "One value" : `${orphans.length} values`} of removed features {orphans.length === 1 ? "is" : "are"} kept, not dropped: after the switch, the problems panel lists {orphans.length === 1 ? "it" : "them"} with a button to clear {orphans.length === 1 ? "it" : "each"} once moved elsewhere.
          </p>
        ) : null}
      </section>
      {error ? (
        <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <DialogFooter>
        {!ctx.canPin ? <p className="mr-auto text-[12px] text-muted-foreground">Only editors can change the version a model conforms to.</p> : null}
        <Button type="button" variant="ghost" onClick={onDone}>
          {ctx.canPin ? "Cancel" : "Close"}
        </Button>
        {ctx.canPin ? (
          <Button type="button" onClick={() => void apply()} loading={pin.isPending} autoFocus>
            {label.action}
          </Button>
        ) : null}
      </DialogFooter>
    </div>
  );
}

function UpgradeDialog({ ctx, target, onOpenChange }: { ctx: ModelMetamodelVersion; target: string | null; onOpenChange(open: boolean): void }) {
  const label = target ? moveLabel(ctx.row.metamodelVersion, target) : null;
  return (
    <Dialog open={target !== null} onOpenChange={onOpenChange}>
      <DialogContent
        title={label ? `${label.title}: ${ctx.row.metamodelName}` : "Meta-model version"}
        description="What changes in the meta-model, and what the model would have to fix. Nothing changes until you confirm."
        className="top-[6vh] max-w-2xl"
      >
        {target ? <PreviewBody key={target} ctx={ctx} target={target} onDone={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

/** "Meta-model: Shop v1.2.0 ▾" (or "Shop (live draft)"), its pin menu, and the upgrade badge. */
export function MetamodelVersionLine({ ctx, trailing }: { ctx: ModelMetamodelVersion; trailing?: ReactNode }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const { row } = ctx;
  const [target, setTarget] = useState<string | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const versions = useQuery({ ...trpc.metamodel.versions.queryOptions({ workspaceId: workspace.id, metamodelId: row.metamodelId }), enabled: menuOpen || row.upgradeAvailable });
  const current = row.metamodelVersion;
  const choose = (version: string) => {
    if (version !== current) setTarget(version);
  };

  return (
    <>
      <p className="flex min-w-0 flex-wrap items-center gap-x-1.5 text-[12px] text-muted-foreground" data-testid="model-metamodel-version">
        <NetworkIcon className="size-3.5" />
        <span>Meta-model:</span>
        <Link href={ctx.metamodelHref} className="font-medium text-foreground hover:text-accent hover:underline">
          {row.metamodelName}
        </Link>
        <DropdownMenu open={menuOpen} onOpenChange={setMenuOpen}>
          <DropdownMenuTrigger asChild>
            <button
              type="button"
              aria-label={`Meta-model version: ${shown(current)}`}
              title="Pick the version this model conforms to"
              className={cn(
                "-ml-0.5 inline-flex items-center gap-0.5 rounded px-1 py-0.5 hover:bg-surface-muted hover:text-foreground",
                current === "draft" ? "italic" : "font-mono text-[11.5px] font-medium text-foreground",
              )}
            >
              {current === "draft" ? "(live draft)" : `v${current}`}
              <ChevronDownIcon className="size-3" />
            </button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" className="w-80">
            <DropdownMenuLabel>The version this model conforms to</DropdownMenuLabel>
            <DropdownMenuItem onSelect={() => choose("draft")} className="items-start">
              <RadioIcon className="mt-0.5" />
              <span className="grid flex-1">
                <span className="font-medium">Live draft</span>
                <span className="text-[12px] text-muted-foreground">Follows every change to the meta-model as it is made.</span>
              </span>
              {current === "draft" ? <CheckIcon className="mt-0.5 !text-accent" aria-label="Current" /> : null}
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuLabel>Published versions</DropdownMenuLabel>
            {versions.isPending ? (
              <div className="grid gap-1.5 px-2 pb-2">
                <Skeleton className="h-4" />
                <Skeleton className="h-4 w-2/3" />
              </div>
            ) : versions.isError ? (
              <p className="px-2 pb-2 text-[12px] text-danger">{toUiError(versions.error).message}</p>
            ) : versions.data.versions.length === 0 ? (
              <p className="px-2 pb-2 text-[12px] text-muted-foreground">
                None yet.{" "}
                <Link href={ctx.metamodelHref} className="font-medium text-accent hover:underline">
                  Publish one
                </Link>{" "}
                from the meta-model page to pin this model to it.
              </p>
            ) : (
              <div className="max-h-72 overflow-y-auto">
                {versions.data.versions.map((v) => (
                  <DropdownMenuItem key={v.version} onSelect={() => choose(v.version)} className="items-start">
                    <TagIcon className="mt-0.5" />
                    <span className="grid min-w-0 flex-1">
                      <span className="flex items-center gap-1.5">
                        <span className="font-mono text-[12.5px] font-medium">{v.version}</span>
                        {v.version === versions.data.latestVersion ? <Badge tone="accent">latest</Badge> : null}
                        <span className="ml-auto text-[11px] text-muted-foreground">{timeAgo(new Date(v.createdAt))}</span>
                      </span>
                      <span className="line-clamp-2 whitespace-pre-line text-[12px] text-muted-foreground">{v.changelog.trim() || "No changelog."}</span>
                    </span>
                    {current === v.version ? <CheckIcon className="mt-0.5 !text-accent" aria-label="Current" /> : null}
                  </DropdownMenuItem>
                ))}
              </div>
            )}
          </DropdownMenuContent>
        </DropdownMenu>
        {trailing}
        {row.upgradeAvailable && row.latestMetamodelVersion ? (
          <button
            type="button"
            onClick={() => setTarget(row.latestMetamodelVersion)}
            className="ml-1 inline-flex items-center gap-1 rounded-full bg-accent-soft px-2 py-0.5 text-[11.5px] font-medium text-accent hover:bg-accent hover:text-white"
            title={`Version ${row.latestMetamodelVersion} of ${row.metamodelName} is published: see what it changes for this model`}
          >
            <ArrowUpCircleIcon className="size-3.5" /> Upgrade available: {row.latestMetamodelVersion}
          </button>
        ) : null}
      </p>
      <UpgradeDialog ctx={ctx} target={target} onOpenChange={(open) => !open && setTarget(null)} />
    </>
  );
}
