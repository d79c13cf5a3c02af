"use client";
import { useQuery } from "@tanstack/react-query";
import { Tabs } from "radix-ui";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { compareSemver, parseSemver } from "@/core/templates/versions";
import { toUiError } from "@/lib/errors";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { timeAgo } from "@/lib/utils";
import { WhyDisabled } from "./bits";
import { FilesDiffView } from "./files-diff";
import { versionLabel } from "./generation-info";

type TemplateDetail = RouterOutputs["template"]["get"];

const tabClass =
  "-mb-px border-b-2 border-transparent px-3 py-2 text-sm text-muted-foreground hover:text-foreground data-[state=active]:border-accent data-[state=active]:font-medium data-[state=active]:text-foreground";

/** The versions after `from` up to `to`, newest first, with their changelogs. */
function versionsBetween(template: TemplateDetail, from: string, to: string) {
  if (!parseSemver(from) || !parseSemver(to)) return [];
  return template.versions.filter((v) => compareSemver(v.version, from) > 0 && compareSemver(v.version, to) <= 0);
}

/**
 * What moving this model from its pinned version to another would change: the changelogs, the
 * generated code (template.diff with the model) and the template itself, then "Upgrade" (re-pin).
 */
export function UpgradeDialog({
  template,
  modelId,
  from,
  to,
  open,
  onOpenChange,
  disabledReason,
  upgrading,
  onUpgrade,
}: {
  template: TemplateDetail;
  modelId: string;
  from: string;
  to: string;
  open: boolean;
  onOpenChange(open: boolean): void;
  disabledReason: string | null;
  upgrading: boolean;
  onUpgrade(): void;
}) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const diff = useQuery(
    trpc.template.diff.queryOptions({ workspaceId: workspace.id, templateId: template.id, from, to, modelId }, { enabled: open, staleTime: Infinity }),
  );
  const changes = versionsBetween(template, from, to);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        className="top-[5vh] flex max-h-[90vh] max-w-5xl flex-col"
        title={`Upgrade ${template.name}: ${versionLabel(from)} → ${versionLabel(to)}`}
        description="What this upgrade would change in this model's generated code. Upgrading pins the new version; generate afterwards to get the files."
      >
        <div className="-mx-6 min-h-0 flex-1 overflow-y-auto px-6">
          {changes.length ? (
            <section aria-label="Changelog" className="mb-4 grid gap-2">
              {changes.map((v) => (
                <div key={v.version} className="rounded-lg border bg-surface-muted/40 px-3 py-2 text-sm">
                  <p className="font-medium">
                    {versionLabel(v.version)} <span className="text-xs font-normal text-muted-foreground">· {timeAgo(new Date(v.createdAt))}</span>
                  </p>
                  <p className="mt-0.5 whitespace-pre-wrap text-muted-foreground">{v.changelog || "No changelog."}</p>
                </div>
              ))}
            </section>
          ) : null}
          {diff.isPending ? (
            <div className="grid gap-2" aria-busy="true">
              <Skeleton className="h-6 w-1/2" />
              <Skeleton className="h-40" />
            </div>
          ) : diff.isError ? (
            <p role="alert" className="text-sm text-danger">
              {toUiError(diff.error).message}
            </p>
          ) : (
            <Tabs.Root defaultValue="output">
              <Tabs.List aria-label="Upgrade changes" className="mb-3 flex border-b">
                <Tabs.Trigger value="output" className={tabClass}>
                  Generated code
                </Tabs.Trigger>
                <Tabs.Trigger value="template" className={tabClass}>
                  Template
                </Tabs.Trigger>
              </Tabs.List>
              <Tabs.Content value="output">
                {diff.data.output ? (
                  <FilesDiffView diff={diff.data.output} emptyMessage="The generated code stays the same for this model." />
                ) : (
                  <p className="text-sm text-muted-foreground">No output comparison for this model.</p>
                )}
              </Tabs.Content>
              <Tabs.Content value="template">
                <FilesDiffView diff={diff.data.template} emptyMessage="The template's files are the same in both versions." />
              </Tabs.Content>
            </Tabs.Root>
          )}
        </div>
        <DialogFooter className="mt-4 border-t pt-4">
          <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <WhyDisabled reason={disabledReason}>
            {(describedBy) => (
              <Button type="button" onClick={onUpgrade} loading={upgrading} disabled={disabledReason !== null} aria-describedby={describedBy}>
                Upgrade to {versionLabel(to)}
              </Button>
            )}
          </WhyDisabled>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
