"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ClipboardPasteIcon, FileArchiveIcon, FolderUpIcon, GitBranchIcon, PlusIcon, Trash2Icon, UploadCloudIcon, XIcon } from "lucide-react";
import { useRouter } from "next/navigation";
import { Tabs } from "radix-ui";
import { useRef, useState, type DragEvent, type FormEvent } from "react";
import { checkGitUrl, formatBytes, ignoredReason, PATTERN_LIMITS } from "@/core/patterns/inputs";
import { ProgressBar } from "@/components/generation/bits";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type Tab = "upload" | "paste" | "git";

/** What is about to be uploaded: one zip, or the files of a folder with their relative paths. */
type Picked = { kind: "zip"; file: File } | { kind: "folder"; name: string; files: Array<{ path: string; file: File }>; skipped: number };

interface FileSystemEntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
  file?(ok: (f: File) => void, fail: (e: unknown) => void): void;
  createReader?(): { readEntries(ok: (entries: FileSystemEntryLike[]) => void, fail: (e: unknown) => void): void };
}

/** Every file under dropped entries (folders read recursively), with paths relative to the drop. */
async function readDropped(entries: FileSystemEntryLike[]): Promise<Array<{ path: string; file: File }>> {
  const out: Array<{ path: string; file: File }> = [];
  const walk = async (entry: FileSystemEntryLike) => {
    const path = entry.fullPath.replace(/^\/+/, "");
    if (entry.isFile && entry.file) {
      out.push({ path, file: await new Promise<File>((ok, fail) => entry.file!(ok, fail)) });
    } else if (entry.isDirectory && entry.createReader) {
      if (ignoredReason(`${path}/x`)) return; // node_modules, .git, … are not even read
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const e of entries) await walk(e);
  return out;
}

/** Leaves out ignored folders before anything is sent (a dropped project would otherwise upload node_modules). */
function folderPick(name: string, files: Array<{ path: string; file: File }>): Picked {
  const kept = files.filter((f) => !ignoredReason(f.path));
  return { kind: "folder", name, files: kept, skipped: files.length - kept.length };
}

function uploadWithProgress(url: string, form: FormData, onProgress: (share: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        // not JSON: a proxy or server error page
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id) resolve({ id: body.id });
      else reject(new Error(body.error ?? `The upload failed (HTTP ${xhr.status}). Try again.`));
    };
    xhr.onerror = () => reject(new Error("Cannot reach the server. Check that it is running, then try again."));
    xhr.send(form);
  });
}

const EMPTY_FILES = [
  { path: "src/users.ts", text: "" },
  { path: "src/orders.ts", text: "" },
];

/** New analysis: bring code in by upload (zip or folder, drag and drop), paste, or git URL. */
export function NewAnalysisDialog({ projectId, open, onOpenChange }: { projectId: string; open: boolean; onOpenChange(o: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState<Tab>("upload");
  const [name, setName] = useState("");
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<number | null>(null);
  const [pasted, setPasted] = useState(EMPTY_FILES);
  const [url, setUrl] = useState("");
  const [ref, setRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const zipInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const paste = useMutation(trpc.pattern.createFromPaste.mutationOptions());
  const clone = useMutation(trpc.pattern.createFromGit.mutationOptions());

  function reset() {
    setName("");
    setPicked(null);
    setPasted(EMPTY_FILES);
    setUrl("");
    setRef("");
    setError(null);
    setUploading(null);
  }

  async function opened(id: string) {
    await queryClient.invalidateQueries({ queryKey: trpc.pattern.list.queryKey() });
    onOpenChange(false);
    reset();
    router.push(`/w/${workspace.slug}/projects/${projectId}/analyses/${id}`);
  }

  async function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    setError(null);
    const items = [...event.dataTransfer.items].filter((i) => i.kind === "file");
    const entries = items.map((i) => (i.webkitGetAsEntry?.() ?? null) as FileSystemEntryLike | null).filter((e): e is FileSystemEntryLike => e !== null);
    const single = event.dataTransfer.files.length === 1 ? event.dataTransfer.files[0] : undefined;
    if (single && /\.zip$/i.test(single.name) && (!entries[0] || entries[0].isFile)) {
      setPicked({ kind: "zip", file: single });
      return;
    }
    if (entries.length === 0) {
      setError("Nothing to upload here. Drop a folder, some files, or a .zip.");
      return;
    }
    const files = await readDropped(entries);
    setPicked(folderPick(entries.length === 1 && entries[0]!.isDirectory ? entries[0]!.name : `${files.length} files`, files));
  }

  function pickFolder(list: FileList | null) {
    if (!list || list.length === 0) return;
    const files = [...list].map((f) => ({ path: f.webkitRelativePath || f.name, file: f }));
    setPicked(folderPick(files[0]!.path.split("/")[0] ?? "folder", files));
    setError(null);
  }

  const pickedBytes = picked ? (picked.kind === "zip" ? picked.file.size : picked.files.reduce((n, f) => n + f.file.size, 0)) : 0;
  const pickedProblem =
    picked && pickedBytes > PATTERN_LIMITS.maxUploadBytes
      ? `This is ${formatBytes(pickedBytes)}, over the ${formatBytes(PATTERN_LIMITS.maxUploadBytes)} limit. Pick a sub-folder.`
      : picked?.kind === "folder" && picked.files.length === 0
        ? "There are no files to analyse in this folder (ignored folders such as node_modules/ are left out)."
        : picked?.kind === "folder" && picked.files.length > PATTERN_LIMITS.maxFiles
          ? `${picked.files.length.toLocaleString("en")} files is over the ${PATTERN_LIMITS.maxFiles.toLocaleString("en")} limit. Pick a sub-folder.`
          : null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      if (tab === "upload") {
        if (!picked) return setError("Choose a zip or a folder first, or drop one here.");
        if (pickedProblem) return setError(pickedProblem);
        const form = new FormData();
        if (name.trim()) form.set("name", name.trim());
        if (picked.kind === "zip") form.set("zip", picked.file, picked.file.name);
        else
          for (const f of picked.files) {
            form.append("file", f.file, f.file.name);
            form.append("path", f.path);
          }
        setUploading(0);
        const created = await uploadWithProgress(`/api/projects/${projectId}/analyses?workspaceId=${workspace.id}`, form, setUploading);
        await opened(created.id);
      } else if (tab === "paste") {
        const files = pasted.filter((f) => f.path.trim() || f.text);
        if (files.length === 0 || files.every((f) => !f.text.trim())) return setError("Paste the code of at least two files that look alike.");
        const missing = files.find((f) => !f.path.trim());
        if (missing) return setError("Give every file a path, e.g. src/users.ts: the language comes from its extension.");
        const created = await paste.mutateAsync({ workspaceId: workspace.id, projectId, name: name.trim() || undefined, files: files.map((f) => ({ path: f.path.trim(), text: f.text })) });
        await opened(created.id);
      } else {
        const checked = checkGitUrl(url);
        if (!checked.ok) return setError(checked.error);
        const created = await clone.mutateAsync({ workspaceId: workspace.id, projectId, name: name.trim() || undefined, url: url.trim(), ref: ref.trim() || undefined });
        await opened(created.id);
      }
    } catch (e) {
      const ui = toUiError(e);
      setError(ui.fieldErrors.url?.[0] ?? ui.fieldErrors.files?.[0] ?? ui.message);
      setUploading(null);
    }
  }

  const tabClass = "inline-flex flex-1 items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-[13px] font-medium text-muted-foreground transition data-[state=active]:bg-surface data-[state=active]:text-foreground data-[state=active]:shadow-sm [&_svg]:size-4";
  const busy = uploading !== null || paste.isPending || clone.isPending;

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        if (!o && busy) return;
        if (!o) reset();
        onOpenChange(o);
      }}
    >
      <DialogContent title="Analyse code" description="Metaforge finds the shapes your code repeats and turns each into a template with holes." className="max-w-2xl">
        <form onSubmit={onSubmit} className="grid gap-4" noValidate>
          <Tabs.Root value={tab} onValueChange={(v) => (setTab(v as Tab), setError(null))}>
            <Tabs.List aria-label="Where the code comes from" className="flex gap-1 rounded-lg bg-surface-muted p-1">
              <Tabs.Trigger value="upload" className={tabClass}>
                <UploadCloudIcon /> Upload
              </Tabs.Trigger>
              <Tabs.Trigger value="paste" className={tabClass}>
                <ClipboardPasteIcon /> Paste files
              </Tabs.Trigger>
              <Tabs.Trigger value="git" className={tabClass}>
                <GitBranchIcon /> Git URL
              </Tabs.Trigger>
            </Tabs.List>

            <Tabs.Content value="upload" className="mt-4 grid gap-3 focus:outline-none">
              <div
                role="group"
                aria-label="Drop a folder, files or a zip here"
                onDragOver={(e) => {
                  e.preventDefault();
                  setDragging(true);
                }}
                onDragLeave={() => setDragging(false)}
                onDrop={(e) => void onDrop(e)}
                className={cn("flex flex-col items-center rounded-xl border-2 border-dashed px-6 py-8 text-center transition", dragging ? "border-accent bg-accent-soft/60" : "bg-surface-muted/40")}
              >
                <UploadCloudIcon className="size-7 text-muted-foreground" />
                <p className="mt-2 text-sm font-medium">Drop a folder, files or a .zip here</p>
                <p className="mt-0.5 text-xs text-muted-foreground">
                  Up to {formatBytes(PATTERN_LIMITS.maxTotalBytes)} and {PATTERN_LIMITS.maxFiles.toLocaleString("en")} files. node_modules/, .git/ and build folders are left out.
                </p>
                <div className="mt-4 flex gap-2">
                  <Button type="button" variant="secondary" size="sm" onClick={() => folderInput.current?.click()}>
                    <FolderUpIcon /> Choose a folder
                  </Button>
                  <Button type="button" variant="secondary" size="sm" onClick={() => zipInput.current?.click()}>
                    <FileArchiveIcon /> Choose a zip
                  </Button>
                </div>
                <input
                  ref={zipInput}
                  type="file"
                  accept=".zip,application/zip"
                  className="sr-only"
                  aria-label="Zip file to upload"
                  tabIndex={-1}
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) setPicked({ kind: "zip", file: f });
                    setError(null);
                    e.target.value = "";
                  }}
                />
                <input
                  ref={folderInput}
                  type="file"
                  className="sr-only"
                  aria-label="Folder to upload"
                  tabIndex={-1}
                  multiple
                  {...({ webkitdirectory: "" } as Record<string, string>)}
                  onChange={(e) => {
                    pickFolder(e.target.files);
                    e.target.value = "";
                  }}
                />
              </div>
              {picked ? (
                <div className="flex items-center gap-3 rounded-lg border bg-surface px-3 py-2 text-sm" data-testid="picked-upload">
                  {picked.kind === "zip" ? <FileArchiveIcon className="size-4 text-accent" /> : <FolderUpIcon className="size-4 text-accent" />}
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium">{picked.kind === "zip" ? picked.file.name : picked.name}</p>
                    <p className="text-xs text-muted-foreground">
                      {picked.kind === "zip" ? formatBytes(picked.file.size) : `${picked.files.length.toLocaleString("en")} files · ${formatBytes(pickedBytes)}`}
                      {picked.kind === "folder" && picked.skipped ? ` · ${picked.skipped.toLocaleString("en")} in ignored folders left out` : ""}
                    </p>
                  </div>
                  <Button type="button" variant="ghost" size="icon" aria-label="Remove" onClick={() => setPicked(null)}>
                    <XIcon />
                  </Button>
                </div>
              ) : null}
              {uploading !== null ? <ProgressBar value={Math.round(uploading * 100)} label="Upload progress" /> : null}
            </Tabs.Content>

            <Tabs.Content value="paste" className="mt-4 grid max-h-[50vh] gap-3 overflow-y-auto pr-1 focus:outline-none">
              <p className="text-xs text-muted-foreground">Paste two or more files that look alike. The extension of each path picks the language.</p>
              {pasted.map((f, i) => (
                <div key={i} className="grid gap-1.5 rounded-lg border bg-surface p-2">
                  <div className="flex items-center gap-2">
                    <Input
                      value={f.path}
                      aria-label={`Path of file ${i + 1}`}
                      placeholder="src/users.ts"
                      className="h-8 font-mono text-xs"
                      onChange={(e) => setPasted((list) => list.map((x, k) => (k === i ? { ...x, path: e.target.value } : x)))}
                    />
                    <Button type="button" variant="ghost" size="icon" aria-label={`Remove file ${i + 1}`} disabled={pasted.length === 1} onClick={() => setPasted((list) => list.filter((_, k) => k !== i))}>
                      <Trash2Icon />
                    </Button>
                  </div>
                  <Textarea
                    value={f.text}
                    aria-label={`Code of file ${i + 1}`}
                    placeholder="Paste the file's code"
                    spellCheck={false}
                    rows={5}
                    className="font-mono text-xs"
                    onChange={(e) => setPasted((list) => list.map((x, k) => (k === i ? { ...x, text: e.target.value } : x)))}
                  />
                </div>
              ))}
              <Button type="button" variant="secondary" size="sm" className="justify-self-start" disabled={pasted.length >= PATTERN_LIMITS.maxPastedFiles} onClick={() => setPasted((list) => [...list, { path: "", text: "" }])}>
                <PlusIcon /> Add a file
              </Button>
            </Tabs.Content>

            <Tabs.Content value="git" className="mt-4 grid gap-3 focus:outline-none">
              <Field label="Repository URL" htmlFor="analysis-git-url" hint="A public repository over HTTPS. Metaforge clones its latest commit only (no history), up to 200 MB.">
                <Input id="analysis-git-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://github.com/owner/repo.git" inputMode="url" autoComplete="off" spellCheck={false} />
              </Field>
              <Field label="Branch or tag (optional)" htmlFor="analysis-git-ref" hint="Empty: the default branch.">
                <Input id="analysis-git-ref" value={ref} onChange={(e) => setRef(e.target.value)} placeholder="main" autoComplete="off" spellCheck={false} />
              </Field>
            </Tabs.Content>
          </Tabs.Root>

          <Field label="Name (optional)" htmlFor="analysis-name" hint="Defaults to the folder, zip or repository name.">
            <Input id="analysis-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Backend services" maxLength={120} />
          </Field>

          {error || (tab === "upload" && pickedProblem) ? (
            <p role="alert" className="rounded-md bg-danger-soft px-3 py-2 text-[13px] text-danger">
              {error ?? pickedProblem}
            </p>
          ) : null}

          <DialogFooter>
            <Button type="button" variant="ghost" disabled={busy} onClick={() => (reset(), onOpenChange(false))}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {tab === "upload" ? (uploading !== null ? "Uploading..." : "Upload and analyse") : tab === "paste" ? "Analyse" : "Clone and analyse"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
