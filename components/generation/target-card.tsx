"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowUpCircleIcon, FileCode2Icon, PinIcon, PlayIcon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { ProgressBar, WhyDisabled } from "./bits";
import { defaultVersion, isFinished, plural, statusLabel, upgradeAvailable, versionLabel } from "./generation-info";
import { UpgradeDialog } from "./upgrade-dialog";
import { useRun } from "./use-generation";

type TemplateRow = RouterOutputs["template"]["list"][number];

/** The line under a template's name: what a plain "Generate" uses and why. */
function pinText(pin: string | undefined, latest: string | null | undefined) {
  if (pin === "draft") return "Pinned to the draft: generates the template's unpublished state.";
  if (pin) return `Pinned to ${versionLabel(pin)}.`;
  if (latest) return `Not pinned: generates with the latest version, ${versionLabel(latest)}.`;
  return "Not published yet: generates from the draft.";
}

function ActiveRun({ runId, templateName }: { runId: string; templateName: string }) {
  const run = useRun(runId);
  const status = run.data?.status ?? "queued";
  const progress = run.data?.progress ?? 0;
  if (isFinished(status)) return null; // the list catches up within a second
  return (
    <div className="mt-3 grid gap-1" data-testid="target-progress">
      <div className="flex items-center justify-between text-xs text-muted-foreground">
        <span>{status === "queued" ? "Queued: waiting for a worker..." : `${statusLabel(status)}...`}</span>
        {status === "queued" ? null : <span className="tabular-nums">{progress}%</span>}
      </div>
      <ProgressBar value={status === "queued" ? null : progress} label={`Generating ${templateName}`} />
    </div>
  );
}

/**
 * One template that fits the model: its pin, a version picker, Pin / Upgrade, and Generate, with the
 * progress of a run in flight.
 */
export function TargetCard({
  template,
  modelId,
  pin,
  version: chosen,
  onVersion,
  disabledReason,
  starting,
  activeRunId,
  editorHref,
  onGenerate,
}: {
  template: TemplateRow;
  modelId: string;
  pin: string | undefined;
  version: string | undefined;
  onVersion(version: string): void;
  /** Why this user may not generate or pin here, or null. */
  disabledReason: string | null;
  starting: boolean;
  activeRunId: string | null;
  editorHref: string;
  onGenerate(version: string | undefined): void;
}) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.template.get.queryOptions({ workspaceId: workspace.id, templateId: template.id }));
  const pinMutation = useMutation(trpc.generation.pin.mutationOptions());
  const [upgradeOpen, setUpgradeOpen] = useState(false);
  const latest = detail.data?.latestVersion ?? null;
  const version = chosen ?? defaultVersion(pin, latest);
  const upgrade = upgradeAvailable(pin, latest);
  const busy = starting || activeRunId !== null;

  async function pinTo(target: string) {
    try {
      await pinMutation.mutateAsync({ workspaceId: workspace.id, modelId, templateId: template.id, version: target });
      await queryClient.invalidateQueries({ queryKey: trpc.model.get.queryKey({ workspaceId: workspace.id, modelId }) });
      onVersion(target);
      toast.success(`Pinned ${template.name} to ${versionLabel(target)}`, {
        description: "Generate to get the files of this version.",
        action: { label: "Generate now", onClick: () => onGenerate(target) },
      });
      return true;
    } catch (error) {
      toast.error(`Could not pin ${template.name}`, { description: toUiError(error).message });
      return false;
    }
  }

  return (
    <li className="rounded-xl border bg-surface p-4 shadow-xs" data-testid="generation-target" aria-label={template.name}>
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        <div className="min-w-0 flex-[1_1_16rem]">
          <div className="flex flex-wrap items-center gap-2">
            <FileCode2Icon className="size-4 shrink-0 text-accent" />
            <Link href={editorHref} className="truncate text-sm font-medium hover:text-accent hover:underline">
              {template.name}
            </Link>
            {template.builtinKey ? <Badge>built-in</Badge> : null}
            {upgrade && latest && pin ? (
              <button
                type="button"
                onClick={() => setUpgradeOpen(true)}
                className="inline-flex items-center gap-1 rounded-full bg-warning/20 px-2 py-0.5 text-xs font-medium hover:bg-warning/30"
                aria-label={`Upgrade available: ${pin} → ${latest}. See what changes`}
              >
                <ArrowUpCircleIcon className="size-3.5" />
                Upgrade available: {pin} → {latest}
              </button>
            ) : null}
          </div>
          <p className="mt-1 text-xs text-muted-foreground">
            {detail.isPending ? <span className="inline-block h-3 w-48 animate-pulse rounded bg-surface-muted align-middle" /> : pinText(pin, latest)} · {plural(template.fileCount, "template file")}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Select value={version} onValueChange={onVersion} disabled={detail.isPending}>
            <SelectTrigger className="h-8 w-40 text-[13px]" aria-label={`Version of ${template.name}`}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="draft" description={pin === "draft" ? "Unpublished changes · pinned" : "Unpublished changes"}>
                Draft
              </SelectItem>
              {detail.data?.versions.map((v) => (
                <SelectItem
                  key={v.version}
                  value={v.version}
                  description={[v.version === latest ? "latest" : null, v.version === pin ? "pinned" : null, v.changelog.split("\n")[0]?.slice(0, 60) || null].filter(Boolean).join(" · ") || undefined}
                >
                  {versionLabel(v.version)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {version === pin ? (
            <Badge className="h-8 gap-1 rounded-md px-2.5">
              <PinIcon className="size-3.5" /> Pinned
            </Badge>
          ) : (
            <WhyDisabled reason={disabledReason}>
              {(describedBy) => (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => void pinTo(version)}
                  loading={pinMutation.isPending}
                  disabled={disabledReason !== null || detail.isPending}
                  aria-label={`Pin ${template.name} to ${version}`}
                  aria-describedby={describedBy}
                >
                  <PinIcon /> Pin {versionLabel(version)}
                </Button>
              )}
            </WhyDisabled>
          )}
          <WhyDisabled reason={disabledReason}>
            {(describedBy) => (
              <Button
                size="sm"
                onClick={() => onGenerate(detail.data ? version : chosen)}
                loading={busy}
                disabled={disabledReason !== null}
                aria-label={`Generate ${template.name}`}
                aria-describedby={describedBy}
              >
                {busy ? null : <PlayIcon />} Generate
              </Button>
            )}
          </WhyDisabled>
        </div>
      </div>
      {activeRunId ? <ActiveRun runId={activeRunId} templateName={template.name} /> : null}
      {detail.data && upgrade && latest && pin ? (
        <UpgradeDialog
          template={detail.data}
          modelId={modelId}
          from={pin}
          to={latest}
          open={upgradeOpen}
          onOpenChange={setUpgradeOpen}
          disabledReason={disabledReason}
          upgrading={pinMutation.isPending}
          onUpgrade={async () => {
            if (await pinTo(latest)) setUpgradeOpen(false);
          }}
        />
      ) : null}
    </li>
  );
}
