"use client";
import { AlertTriangleIcon, CheckIcon, CircleAlertIcon, CopyIcon, MinusIcon, Trash2Icon } from "lucide-react";
import type { MouseEvent, ReactNode } from "react";
import { multiplicity, type MetaModel } from "@/core/metamodel/schema";
import type { ModelProblem } from "@/core/model/conformance";
import { enumLiterals, metamodelIndex } from "@/core/model/document";
import type { JsonValue, ModelObject } from "@/core/model/schema";
import type { PresenceUser } from "@/components/canvas/use-collab";
import { cn } from "@/lib/utils";
import type { ClassInfo, Column, ModelInfo } from "./model-info";
import { ContainerCell, ContainmentCell, ReferenceCell } from "./reference-picker";
import { cellKey, type ProblemIndex } from "./use-model";
import { ValueInput } from "./value-input";

/** The table of one class's objects: one row per object, one column per attribute and reference. */

export interface TableActions {
  select(id: string, mode: "only" | "toggle" | "range"): void;
  selectAll(on: boolean): void;
  open(id: string): void;
  setAttribute(objectId: string, attrId: string, value: JsonValue | undefined): void;
  setTargets(objectId: string, refId: string, targets: string[]): void;
  addTarget(objectId: string, refId: string, target: string): void;
  removeTarget(objectId: string, refId: string, target: string): void;
  move(objectId: string, to: { container: string; refId: string } | null): void;
  createIn(container: string, refId: string, classId: string): void;
  duplicate(ids: string[]): void;
  remove(ids: string[]): void;
}

const WIDTH: Record<string, string> = {
  string: "min-w-40",
  uuid: "min-w-72",
  text: "min-w-56",
  json: "min-w-56",
  int: "min-w-24",
  float: "min-w-28",
  bool: "min-w-16",
  date: "min-w-36",
  datetime: "min-w-52",
  enum: "min-w-36",
};

function columnHint(mm: MetaModel, col: Column): string {
  if (col.kind === "attribute") {
    const a = col.feature;
    const type = a.type === "enum" ? (enumLiterals(mm, a.enumId)?.name ?? "enum") : a.type;
    return `${type}${a.many ? "[]" : ""}`;
  }
  const r = col.feature;
  const target = metamodelIndex(mm).classes.get(r.target)?.name ?? "?";
  return `${r.containment ? "◆ " : "→ "}${target} ${multiplicity(r.lower, r.upper)}`;
}

function columnTitle(mm: MetaModel, cls: ClassInfo, col: Column): string {
  const parts = [`${col.feature.name}: ${columnHint(mm, col)}`];
  if (col.kind === "attribute" && col.feature.required) parts.push("Required.");
  if (col.kind === "attribute" && col.feature.unique) parts.push("Unique.");
  if (col.kind === "reference" && col.feature.containment) parts.push("Containment: the objects live inside this one.");
  if (col.owner.id !== cls.cls.id) parts.push(`Inherited from ${col.owner.name}.`);
  if (col.feature.description) parts.push(col.feature.description);
  return parts.join(" ");
}

function Th({ children, className, title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <th scope="col" title={title} className={cn("sticky top-0 z-10 border-b bg-surface-muted/95 px-2 py-1.5 text-left align-bottom font-normal backdrop-blur", className)}>
      {children}
    </th>
  );
}

/** A square checkbox as a button: it is not a text field, so Del and N still work while it has focus. */
export function SelectBox({ checked, label, onClick, mixed }: { checked: boolean; label: string; onClick(e: MouseEvent): void; mixed?: boolean }) {
  return (
    <button
      type="button"
      role="checkbox"
      aria-checked={mixed ? "mixed" : checked}
      aria-label={label}
      onClick={onClick}
      className={cn(
        "flex size-4 items-center justify-center rounded-[4px] border bg-surface text-accent-foreground transition-colors",
        (checked || mixed) && "border-accent bg-accent",
      )}
    >
      {checked ? <CheckIcon className="size-3" strokeWidth={3} /> : mixed ? <MinusIcon className="size-3" strokeWidth={3} /> : null}
    </button>
  );
}

function ProblemMark({ problems }: { problems: ModelProblem[] | undefined }) {
  if (!problems?.length) return null;
  const error = problems.some((p) => p.severity === "error");
  const Icon = error ? CircleAlertIcon : AlertTriangleIcon;
  return (
    <span title={problems.map((p) => p.message).join("\n")} aria-label={`${problems.length} ${problems.length === 1 ? "problem" : "problems"}`} role="img" className="shrink-0">
      <Icon className={cn("size-3.5", error ? "text-danger" : "text-warning")} />
    </span>
  );
}

export function ObjectTable({
  mm,
  info,
  cls,
  objects,
  problems,
  selection,
  peersBySelection,
  readOnly,
  actions,
}: {
  mm: MetaModel;
  info: ModelInfo;
  /** Null for the objects whose class the meta-model no longer has. */
  cls: ClassInfo | null;
  objects: ModelObject[];
  problems: ProblemIndex;
  selection: ReadonlySet<string>;
  peersBySelection: Map<string, PresenceUser[]>;
  readOnly: boolean;
  actions: TableActions;
}) {
  const columns = cls?.columns ?? [];
  const contained = (cls?.containedIn.length ?? 0) > 0;
  const className = cls?.cls.name ?? "Object";
  const allSelected = objects.length > 0 && objects.every((o) => selection.has(o.id));
  const someSelected = !allSelected && objects.some((o) => selection.has(o.id));

  return (
    <table className="w-max min-w-full border-separate border-spacing-0 text-[13px]" aria-label={`${className} objects`} data-testid="object-table">
      <thead>
        <tr className="text-[12px]">
          <Th className="sticky left-0 z-20 w-9 pl-3">
            <SelectBox checked={allSelected} mixed={someSelected} label={`Select all ${className} objects`} onClick={() => actions.selectAll(!allSelected)} />
          </Th>
          <Th className="sticky left-9 z-20 min-w-44 border-r">
            <span className="font-medium text-foreground">{className}</span>
          </Th>
          {contained ? (
            <Th className="min-w-56" title="The object this one lives in, through one of its containment references.">
              <span className="font-medium text-foreground">in</span> <span className="text-muted-foreground">container</span>
            </Th>
          ) : null}
          {cls ? null : (
            <Th className="min-w-96" title="What the object holds, by attribute and reference id: copy what you still need before deleting it.">
              <span className="font-medium text-foreground">Stored values</span>
            </Th>
          )}
          {columns.map((col) => (
            <Th key={col.feature.id} className={col.kind === "attribute" ? (col.feature.many ? "min-w-56" : WIDTH[col.feature.type]) : "min-w-48"} title={cls ? columnTitle(mm, cls, col) : undefined}>
              <span className="flex items-baseline gap-1 whitespace-nowrap">
                <span className={cn("font-medium text-foreground", col.owner.id !== cls?.cls.id && "italic")}>{col.feature.name}</span>
                {col.kind === "attribute" && col.feature.required ? <span className="text-danger" aria-hidden="true">*</span> : null}
                <span className="text-[11px] text-muted-foreground">{columnHint(mm, col)}</span>
              </span>
            </Th>
          ))}
          <Th className="w-full">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {objects.map((obj) => {
          const label = info.label(obj.id);
          const selected = selection.has(obj.id);
          const rowProblems = problems.byObject.get(obj.id);
          const peers = peersBySelection.get(obj.id);
          const cell = "border-b px-1 py-0.5 align-top";
          return (
            <tr
              key={obj.id}
              data-row={obj.id}
              aria-selected={selected}
              className={cn("group", selected ? "[&>td]:bg-accent-soft" : "[&>td]:bg-surface hover:[&>td]:bg-surface-muted")}
              onClick={(e) => {
                const target = e.target as HTMLElement;
                if (target.closest("input, select, textarea, button, a")) return;
                actions.select(obj.id, e.shiftKey ? "range" : e.metaKey || e.ctrlKey ? "toggle" : "only");
              }}
              onFocus={(e) => {
                if (!selected && !(e.target as HTMLElement).closest("[role=checkbox]")) actions.select(obj.id, "only");
              }}
            >
              <td className={cn(cell, "sticky left-0 z-[5] pl-3 align-middle")}>
                <SelectBox checked={selected} label={`Select ${label}`} onClick={(e) => actions.select(obj.id, e.shiftKey ? "range" : "toggle")} />
              </td>
              <td className={cn(cell, "sticky left-9 z-[5] border-r px-2 align-middle")} data-cell={`${obj.id}:`}>
                <div className="flex max-w-64 items-center gap-1.5">
                  {peers?.length ? (
                    <span className="flex shrink-0 -space-x-1" title={`Selected by ${peers.map((p) => p.name).join(", ")}`}>
                      {peers.slice(0, 3).map((p) => (
                        <span key={p.id} className="size-2 rounded-full ring-2 ring-surface" style={{ background: p.color }} />
                      ))}
                    </span>
                  ) : null}
                  <button type="button" className="min-w-0 text-left" onClick={() => actions.select(obj.id, "only")} title={obj.id}>
                    <span className={cn("block truncate font-medium", label === obj.id && "font-mono text-[12px] font-normal text-muted-foreground")}>{label}</span>
                    {label !== obj.id ? <span className="block truncate font-mono text-[10px] text-muted-foreground">{obj.id}</span> : null}
                  </button>
                  <ProblemMark problems={rowProblems} />
                </div>
              </td>
              {contained ? (
                <td className={cell}>
                  <ContainerCell mm={mm} info={info} obj={obj} label={`Container of ${label}`} disabled={readOnly} onMove={(to) => actions.move(obj.id, to)} onOpen={actions.open} />
                </td>
              ) : null}
              {cls ? null : (
                <td className={cn(cell, "px-2 py-1.5")}>
                  <code className="block max-w-xl whitespace-pre-wrap break-all font-mono text-[11px] text-muted-foreground">{JSON.stringify({ attributes: obj.attributes, references: obj.references })}</code>
                </td>
              )}
              {columns.map((col) => {
                const key = cellKey(obj.id, col.feature.id);
                const cellProblems = problems.byCell.get(key);
                const problem = cellProblems?.map((p) => p.message).join("\n");
                const name = `${col.feature.name} of ${label}`;
                return (
                  <td key={col.feature.id} className={cell} data-cell={key}>
                    {col.kind === "attribute" ? (
                      <ValueInput mm={mm} attr={col.feature} value={obj.attributes[col.feature.id]} label={name} disabled={readOnly} problem={problem} onChange={(v) => actions.setAttribute(obj.id, col.feature.id, v)} />
                    ) : col.feature.containment ? (
                      <ContainmentCell
                        mm={mm}
                        info={info}
                        obj={obj}
                        ref_={col.feature}
                        label={name}
                        disabled={readOnly}
                        problem={problem}
                        onOpen={actions.open}
                        onCreate={(classId) => actions.createIn(obj.id, col.feature.id, classId)}
                      />
                    ) : (
                      <ReferenceCell
                        mm={mm}
                        info={info}
                        obj={obj}
                        ref_={col.feature}
                        label={name}
                        disabled={readOnly}
                        problem={problem}
                        onSet={(targets) => actions.setTargets(obj.id, col.feature.id, targets)}
                        onAdd={(t) => actions.addTarget(obj.id, col.feature.id, t)}
                        onRemove={(t) => actions.removeTarget(obj.id, col.feature.id, t)}
                        onOpen={actions.open}
                      />
                    )}
                  </td>
                );
              })}
              <td className={cn(cell, "align-middle")}>
                {readOnly ? null : (
                  <span className="flex items-center gap-0.5 opacity-0 transition-opacity focus-within:opacity-100 group-hover:opacity-100">
                    <button type="button" className="rounded p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground" aria-label={`Duplicate ${label}`} title="Duplicate (Ctrl+D)" onClick={() => actions.duplicate([obj.id])}>
                      <CopyIcon className="size-3.5" />
                    </button>
                    <button type="button" className="rounded p-1 text-muted-foreground hover:bg-danger-soft hover:text-danger" aria-label={`Delete ${label}`} title="Delete (Del)" onClick={() => actions.remove([obj.id])}>
                      <Trash2Icon className="size-3.5" />
                    </button>
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
