"use client";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { useQuery } from "@tanstack/react-query";
import { ChevronDownIcon, GitCompareIcon, HistoryIcon, TagIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import { readMetamodel } from "@/core/collab/metamodel-doc";
import { compareMetamodels } from "@/core/metamodel/changes";
import type { MetaModel } from "@/core/metamodel/schema";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Badge, Skeleton } from "@/components/ui/misc";
import { useShell } from "@/components/shell/shell-context";
import { useTRPC, type RouterOutputs } from "@/lib/trpc";
import { cn, timeAgo } from "@/lib/utils";
import { CompareVersionsDialog, type CompareRange } from "./versions-compare-dialog";
import { PublishVersionDialog } from "./versions-publish-dialog";

type Versions = RouterOutputs["metamodel"]["versions"];

/** How long edits settle before the bar compares the draft again. */
const SETTLE_MS = 300;

/** The live draft as a MetaModel, re-read a moment after it changes; the same object while its content is the same. */
function useDraft(doc: Y.Doc): MetaModel {
  const [state, setState] = useState(() => {
    const mm = readMetamodel(doc);
    return { mm, json: JSON.stringify(mm) };
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const mm = readMetamodel(doc);
        const json = JSON.stringify(mm);
        setState((prev) => (prev.json === json ? prev : { mm, json }));
      }, SETTLE_MS);
    };
    doc.on("update", refresh);
    refresh();
    return () => {
      doc.off("update", refresh);
      clearTimeout(timer);
    };
  }, [doc]);
  return state.mm;
}

/** Published versions, newest first; picking one compares it with the draft. */
function VersionsMenu({ data, onCompare }: { data: Versions; onCompare(range: CompareRange): void }) {
  const [open, setOpen] = useState(false);
  return (
    <DropdownMenu open={open} onOpenChange={setOpen}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label="Versions" className="text-muted-foreground">
          <HistoryIcon />
          <span>{data.latestVersion ? `v${data.latestVersion}` : "No versions"}</span>
          <ChevronDownIcon className="size-3.5" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-84">
        <DropdownMenuLabel>Published versions</DropdownMenuLabel>
        {data.versions.length === 0 ? (
          <p className="px-2 pb-2 text-[12px] text-muted-foreground">None yet. Publish the draft to give models a version to pin: their meta-model then changes only when they upgrade.</p>
        ) : (
          <div className="max-h-80 overflow-y-auto">
            {data.versions.map((v) => (
              <DropdownMenuItem key={v.version} onSelect={() => onCompare({ from: v.version, to: "draft" })} className="flex-col items-start gap-0.5" title={`Compare ${v.version} with the draft`}>
                <span className="flex w-full items-center gap-2">
                  <TagIcon className="size-3.5" />
                  <span className="font-mono text-[12.5px] font-medium">{v.version}</span>
                  {v.version === data.latestVersion ? <Badge tone="accent">latest</Badge> : null}
                  <span className="ml-auto text-[11px] text-muted-foreground">{timeAgo(new Date(v.createdAt))}</span>
                </span>
                <span className="line-clamp-2 whitespace-pre-line pl-5.5 text-[12px] text-muted-foreground">
                  {v.changelog.trim() || "No changelog."}
                  {v.createdByName ? ` — ${v.createdByName}` : ""}
                </span>
                <span className="pl-5.5 text-[11px] font-medium text-accent">Compare with draft</span>
              </DropdownMenuItem>
            ))}
          </div>
        )}
        {data.versions.length ? (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onCompare({ from: data.latestVersion ?? "draft", to: "draft" })}>
              <GitCompareIcon /> Compare versions...
            </DropdownMenuItem>
          </>
        ) : null}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

/**
 * The meta-model page's version bar: where the draft stands against the latest published version
 * (changes since, live), the versions menu, compare, and publishing.
 */
export function MetamodelVersionsBar({
  metamodelId,
  name,
  doc,
  provider,
  canPublish,
}: {
  metamodelId: string;
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider | null;
  /** False for viewers and in archived projects. */
  canPublish: boolean;
}) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const versions = useQuery(trpc.metamodel.versions.queryOptions({ workspaceId: workspace.id, metamodelId }));
  const latest = versions.data?.latestVersion ?? null;
  const latestContent = useQuery({
    ...trpc.metamodel.version.queryOptions({ workspaceId: workspace.id, metamodelId, version: latest ?? "draft" }),
    enabled: latest !== null,
    // Published versions never change.
    staleTime: Infinity,
  });
  const draft = useDraft(doc);
  const changes = useMemo(() => (latest && latestContent.data?.version === latest ? compareMetamodels(latestContent.data.metamodel, draft) : null), [latest, latestContent.data, draft]);
  const [dialog, setDialog] = useState<"publish" | "compare" | null>(null);
  const [range, setRange] = useState<CompareRange>({ from: "draft", to: "draft" });
  const numbers = versions.data?.versions.map((v) => v.version) ?? [];

  const breaking = changes?.filter((c) => c.impact === "major").length ?? 0;
  return (
    <div className="flex h-11 shrink-0 items-center gap-3 border-b bg-background px-4" data-testid="metamodel-versions-bar">
      <span className="flex items-center gap-1.5 text-[13px]">
        <TagIcon className="size-4 text-muted-foreground" />
        <span className="font-medium">Draft</span>
      </span>
      <span aria-hidden="true" className="text-muted-foreground">
        ·
      </span>
      {versions.isPending ? (
        <Skeleton className="h-4 w-48" />
      ) : !latest ? (
        <span className="truncate text-[12.5px] text-muted-foreground">Not published yet: models follow the live draft.</span>
      ) : (
        <button
          type="button"
          onClick={() => {
            setRange({ from: latest, to: "draft" });
            setDialog("compare");
          }}
          className="truncate rounded px-1 text-[12.5px] text-muted-foreground hover:bg-surface-muted hover:text-foreground"
          title={`Compare ${latest} with the draft`}
          data-testid="changes-since-latest"
        >
          {changes === null ? (
            `Comparing with ${latest}...`
          ) : changes.length === 0 ? (
            `No changes since ${latest}`
          ) : (
            <>
              {changes.length} {changes.length === 1 ? "change" : "changes"} since {latest}
              {breaking ? <span className={cn("ml-1.5 rounded-full bg-danger-soft px-1.5 py-0.5 text-[11px] font-medium text-danger")}>{breaking} breaking</span> : null}
            </>
          )}
        </button>
      )}
      <div className="ml-auto flex items-center gap-1">
        {versions.data ? (
          <VersionsMenu
            data={versions.data}
            onCompare={(r) => {
              setRange(r);
              setDialog("compare");
            }}
          />
        ) : null}
        {canPublish ? (
          <Button size="sm" onClick={() => setDialog("publish")} disabled={!versions.data}>
            <TagIcon /> Publish version...
          </Button>
        ) : null}
      </div>
      {versions.data ? (
        <PublishVersionDialog
          target={{ metamodelId, name, versions: numbers, latest }}
          draft={draft}
          changes={changes}
          provider={provider}
          open={dialog === "publish"}
          onOpenChange={(o) => setDialog(o ? "publish" : null)}
        />
      ) : null}
      <CompareVersionsDialog metamodelId={metamodelId} versions={numbers} open={dialog === "compare"} onOpenChange={(o) => setDialog(o ? "compare" : null)} initial={range} />
    </div>
  );
}
