"use client";
import type { Awareness } from "y-protocols/awareness";
import { FileCodeIcon, PuzzleIcon, RepeatIcon } from "lucide-react";
import { useState, type Ref } from "react";
import type * as Y from "yjs";
import type { MetaModel } from "@/core/metamodel/schema";
import type { TemplateFile } from "@/core/templates/schema";
import { EmptyState } from "@/components/ui/misc";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { cn } from "@/lib/utils";
import { CodeEditor, type EditorJump, type EditorProblem } from "./code-editor";
import type { PartialEntry } from "./file-tree";

const PER_MODEL = "__model";

/** The file's path template: typed changes go to the draft at once (only the changed part). */
function PathInput({ file, readOnly, problems, onRename, inputRef }: { file: TemplateFile; readOnly: boolean; problems: EditorProblem[]; onRename(path: string): void; inputRef?: Ref<HTMLInputElement> }) {
  const [draft, setDraft] = useState<string | null>(null);
  const invalid = problems.length > 0;
  return (
    <div className="min-w-0 flex-1">
      <input
        ref={inputRef}
        aria-label="File path template"
        aria-invalid={invalid || undefined}
        title={invalid ? problems.map((p) => p.message).join("\n") : "The output path: Liquid, e.g. src/{{ entity.name | kebab }}.ts"}
        value={draft ?? file.path}
        readOnly={readOnly}
        spellCheck={false}
        onFocus={() => setDraft(file.path)}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim()) onRename(e.target.value);
        }}
        onBlur={() => setDraft(null)}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === "Escape") e.currentTarget.blur();
        }}
        className={cn(
          "h-8 w-full rounded-md border bg-surface px-2.5 font-mono text-[12.5px] outline-none focus:border-ring focus:ring-2 focus:ring-ring/20",
          invalid && "border-danger focus:border-danger focus:ring-danger/20",
        )}
      />
      {invalid ? <p className="mt-1 truncate text-[11.5px] text-danger">{problems[0]!.message}</p> : null}
    </div>
  );
}

function ForEachPicker({ file, metamodel, readOnly, onChange }: { file: TemplateFile; metamodel: MetaModel; readOnly: boolean; onChange(classId: string | null): void }) {
  const missing = file.forEach !== null && !metamodel.classes.some((c) => c.id === file.forEach);
  return (
    <Select value={file.forEach ?? PER_MODEL} onValueChange={(v) => onChange(v === PER_MODEL ? null : v)} disabled={readOnly}>
      <SelectTrigger className={cn("h-8 w-52 shrink-0 text-[12.5px]", missing && "border-danger")} aria-label="Render">
        <RepeatIcon className="size-3.5 shrink-0 text-muted-foreground" aria-hidden="true" />
        <span className="min-w-0 flex-1 truncate text-left">
          <SelectValue />
        </span>
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={PER_MODEL} description="One output for the whole model">
          Once per model
        </SelectItem>
        {metamodel.classes.map((c) => (
          <SelectItem key={c.id} value={c.id} description={c.abstract ? "Abstract: once per object of its subclasses" : undefined}>
            Once per {c.name}
          </SelectItem>
        ))}
        {missing ? (
          <SelectItem value={file.forEach!} disabled>
            A deleted class
          </SelectItem>
        ) : null}
      </SelectContent>
    </Select>
  );
}

/** The middle column: the selected file's path and render mode above its body, or a partial's body. */
export function EditorPane(props: {
  file: TemplateFile | null;
  partial: PartialEntry | null;
  ytext: Y.Text | null;
  awareness: Awareness | null;
  metamodel: MetaModel;
  readOnly: boolean;
  bodyProblems: EditorProblem[];
  pathProblems: EditorProblem[];
  jump: EditorJump | null;
  filters: string[];
  variables: () => string[];
  pathRef: Ref<HTMLInputElement>;
  onRename(path: string): void;
  onForEach(classId: string | null): void;
  hasFiles: boolean;
  onAddFile(): void;
}) {
  const { file, partial, ytext } = props;
  if (!ytext || (!file && !partial)) {
    return (
      <div className="flex h-full items-center justify-center p-6">
        <EmptyState
          icon={<FileCodeIcon />}
          title={props.hasFiles ? "Pick a file" : "No files yet"}
          action={
            !props.readOnly && !props.hasFiles ? (
              <button type="button" onClick={props.onAddFile} className="text-sm font-medium text-accent hover:underline">
                Add a file
              </button>
            ) : null
          }
        >
          {props.hasFiles
            ? "Choose a file or partial on the left to edit it. Ctrl/⌘+P opens one by name."
            : "A file is a path template and a body template, rendered once per model or once per object of a class."}
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="flex items-start gap-2 border-b px-3 py-2">
        {file ? (
          <>
            <PathInput key={file.id} file={file} readOnly={props.readOnly} problems={props.pathProblems} onRename={props.onRename} inputRef={props.pathRef} />
            <ForEachPicker file={file} metamodel={props.metamodel} readOnly={props.readOnly} onChange={props.onForEach} />
          </>
        ) : (
          <div className="flex h-8 min-w-0 flex-1 items-center gap-2 text-[13px]">
            <PuzzleIcon className="size-4 shrink-0 text-accent" aria-hidden="true" />
            <span className="truncate font-mono font-medium">{partial!.name}</span>
            <span className="truncate text-muted-foreground">
              · used with <code className="rounded bg-surface-muted px-1 font-mono text-[12px]">{`{% render "${partial!.name}" %}`}</code>
            </span>
          </div>
        )}
      </div>
      <div className="min-h-0 flex-1">
        <CodeEditor
          ytext={ytext}
          awareness={props.awareness}
          readOnly={props.readOnly}
          problems={props.bodyProblems}
          jump={props.jump}
          label="Template body"
          filters={props.filters}
          variables={props.variables}
        />
      </div>
    </div>
  );
}
