"use client";
import { CornerDownRightIcon, PlusIcon, XIcon } from "lucide-react";
import { MANY, type MetaClass, type MetaModel, type Reference } from "@/core/metamodel/schema";
import { metamodelIndex } from "@/core/model/document";
import type { ModelObject } from "@/core/model/schema";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";
import { containerOptions, type ModelInfo } from "./model-info";
import { cellInput, SelectCell } from "./value-input";

/**
 * Reference cells: a select (one target) or chips plus an "Add…" select (several), offering objects
 * of the target class and its subclasses; containment references list what the object contains,
 * with a button to create a new one inside; and the "in <container>" cell, to move an object.
 */

function Chip({ text, title, onOpen, onRemove, removeLabel }: { text: string; title?: string; onOpen(): void; onRemove?: () => void; removeLabel: string }) {
  return (
    <span className="inline-flex max-w-52 items-center gap-0.5 rounded bg-accent-soft py-0.5 pl-1.5 pr-0.5 text-[12px] text-accent">
      <button type="button" className="truncate hover:underline" title={title ?? `Show ${text}`} onClick={onOpen}>
        {text}
      </button>
      {onRemove ? (
        <button type="button" aria-label={removeLabel} className="rounded p-0.5 opacity-70 hover:bg-surface hover:text-danger hover:opacity-100" onClick={onRemove}>
          <XIcon className="size-3" />
        </button>
      ) : (
        <span className="w-1" />
      )}
    </span>
  );
}

export interface ReferenceCellProps {
  mm: MetaModel;
  info: ModelInfo;
  obj: ModelObject;
  ref_: Reference;
  label: string;
  disabled: boolean;
  problem?: string;
  onSet(targets: string[]): void;
  onAdd(target: string): void;
  onRemove(target: string): void;
  onOpen(id: string): void;
}

/** A non-containment reference. */
export function ReferenceCell({ info, obj, ref_, label, disabled, problem, onSet, onAdd, onRemove, onOpen }: ReferenceCellProps) {
  const targets = obj.references[ref_.id] ?? [];
  const candidates = info.conforming(ref_.target);
  const names = info.distinct([...candidates.map((c) => c.id), ...targets.filter((t) => !candidates.some((c) => c.id === t))]);
  const name = (id: string) => (info.byId.has(id) ? (names.get(id) ?? info.label(id)) : `${id} (missing)`);

  if (ref_.upper === 1 && targets.length <= 1) {
    const current = targets[0] ?? "";
    const known = current === "" || candidates.some((c) => c.id === current);
    return (
      <SelectCell
        aria-label={label}
        title={problem}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        className={cn(current === "" && "text-muted-foreground")}
        value={current}
        onChange={(e) => onSet(e.target.value === "" ? [] : [e.target.value])}
      >
        <option value="">{candidates.length ? "—" : "— (none to pick)"}</option>
        {!known ? <option value={current}>{name(current)}</option> : null}
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c.id)}
          </option>
        ))}
      </SelectCell>
    );
  }

  const free = candidates.filter((c) => !targets.includes(c.id));
  const full = ref_.upper !== MANY && ref_.upper !== 1 && targets.length >= ref_.upper;
  return (
    <div role="group" aria-label={label} title={problem} className={cn("flex min-h-8 flex-wrap items-center gap-1 rounded-md px-1 py-1", problem && "bg-danger-soft/40 ring-1 ring-danger/50")}>
      {targets.map((t) => (
        <Chip
          key={t}
          text={name(t)}
          onOpen={() => onOpen(t)}
          onRemove={disabled ? undefined : () => onRemove(t)}
          removeLabel={`Remove ${name(t)} from ${label}`}
        />
      ))}
      {disabled ? (
        targets.length === 0 ? <span className="px-1 text-[12px] text-muted-foreground">—</span> : null
      ) : (
        <select
          aria-label={`Add to ${label}`}
          className={cn(cellInput, "h-6 w-auto max-w-40 py-0 text-[12px] text-muted-foreground")}
          value=""
          disabled={free.length === 0 || full}
          onChange={(e) => e.target.value && onAdd(e.target.value)}
        >
          <option value="">{free.length === 0 ? (candidates.length ? "All added" : "None to pick") : "Add…"}</option>
          {free.map((c) => (
            <option key={c.id} value={c.id}>
              {name(c.id)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** A containment reference: the objects inside, and a way to create one more inside. */
export function ContainmentCell({
  mm,
  info,
  obj,
  ref_,
  label,
  disabled,
  problem,
  onOpen,
  onCreate,
}: {
  mm: MetaModel;
  info: ModelInfo;
  obj: ModelObject;
  ref_: Reference;
  label: string;
  disabled: boolean;
  problem?: string;
  onOpen(id: string): void;
  onCreate(classId: string): void;
}) {
  const index = metamodelIndex(mm);
  const targets = obj.references[ref_.id] ?? [];
  const target = index.classes.get(ref_.target);
  const creatable: MetaClass[] = [...(target ? [target] : []), ...index.descendants(ref_.target)].filter((c) => !c.abstract);
  const full = ref_.upper !== MANY && targets.length >= ref_.upper;
  const addLabel = `New ${target?.name ?? "object"} in ${label}`;
  const addButton = (
    <button
      type="button"
      aria-label={addLabel}
      title={addLabel}
      className="inline-flex h-6 items-center gap-1 rounded px-1.5 text-[12px] text-muted-foreground hover:bg-surface-muted hover:text-foreground disabled:opacity-40"
      disabled={full}
      onClick={creatable.length === 1 ? () => onCreate(creatable[0]!.id) : undefined}
    >
      <PlusIcon className="size-3.5" />
      {targets.length === 0 ? (target?.name ?? "New") : null}
    </button>
  );
  return (
    <div role="group" aria-label={label} title={problem} className={cn("flex min-h-8 flex-wrap items-center gap-1 rounded-md px-1 py-1", problem && "bg-danger-soft/40 ring-1 ring-danger/50")}>
      {targets.map((t) => (
        <Chip key={t} text={info.byId.has(t) ? info.label(t) : `${t} (missing)`} onOpen={() => onOpen(t)} removeLabel="" />
      ))}
      {disabled || creatable.length === 0 ? (
        targets.length === 0 ? <span className="px-1 text-[12px] text-muted-foreground">—</span> : null
      ) : creatable.length === 1 ? (
        addButton
      ) : (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>{addButton}</DropdownMenuTrigger>
          <DropdownMenuContent align="start">
            <DropdownMenuLabel>New in {ref_.name}</DropdownMenuLabel>
            {creatable.map((c) => (
              <DropdownMenuItem key={c.id} onSelect={() => onCreate(c.id)}>
                <PlusIcon /> {c.name}
              </DropdownMenuItem>
            ))}
          </DropdownMenuContent>
        </DropdownMenu>
      )}
    </div>
  );
}

const TOP = "";
const encode = (container: string, refId: string) => `${container}|${refId}`;

/** Where an object lives ("in Customer › fields"), with a picker to move it elsewhere. */
export function ContainerCell({
  mm,
  info,
  obj,
  label,
  disabled,
  onMove,
  onOpen,
}: {
  mm: MetaModel;
  info: ModelInfo;
  obj: ModelObject;
  label: string;
  disabled: boolean;
  onMove(to: { container: string; refId: string } | null): void;
  onOpen(id: string): void;
}) {
  const home = info.containerOf.get(obj.id);
  // Not into itself or anything it contains.
  const options = containerOptions(mm, info, obj.classId, info.subtree([obj.id]));
  const current = home ? encode(home.container, home.refId) : TOP;
  return (
    <div className="flex items-center gap-0.5">
      {home ? (
        <button type="button" className="shrink-0 rounded p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground" title={`Show ${info.label(home.container)}`} aria-label={`Show the container of ${info.label(obj.id)}`} onClick={() => onOpen(home.container)}>
          <CornerDownRightIcon className="size-3.5" />
        </button>
      ) : null}
      <span className="min-w-0 flex-1">
        <SelectCell
          aria-label={label}
          disabled={disabled}
          className={cn(!home && "text-muted-foreground")}
          value={current}
          onChange={(e) => {
            const v = e.target.value;
            if (v === TOP) return onMove(null);
            const [container, refId] = v.split("|");
            onMove({ container: container!, refId: refId! });
          }}
        >
          <option value={TOP}>Top level (not contained)</option>
          {home && !options.some((o) => encode(o.container, o.refId) === current) ? <option value={current}>{info.longLabel(home.container)}</option> : null}
          {options.map((o) => (
            <option key={encode(o.container, o.refId)} value={encode(o.container, o.refId)}>
              in {o.label}
            </option>
          ))}
        </SelectCell>
      </span>
    </div>
  );
}
