"use client";
import { Handle, Position, useConnection, useStoreApi, type NodeProps } from "@xyflow/react";
import { AlertTriangleIcon, CircleAlertIcon } from "lucide-react";
import { memo, useState, type CSSProperties } from "react";
import { useZoomedOut } from "@/components/canvas/nodes";
import type { PeerBadge } from "@/components/canvas/graph";
import type { Attribute } from "@/core/metamodel/schema";
import type { ModelProblem } from "@/core/model/conformance";
import { cn } from "@/lib/utils";
import { ValueInput } from "../value-input";
import { useDiagram } from "./diagram-context";
import { estimateSize, filledRows, NODE_WIDTH, UNKNOWN_HUE, type ObjectNode } from "./graph";

/**
 * One object on the diagram: a header `label : Class` in its class's colour (the label is the
 * object's name or title, edited right there), then its attribute values with the same typed inputs
 * as the table: the filled ones (and required ones), every one when the node is selected. A handle on
 * the right starts a link; while a link is dragged, objects it cannot end on fade out. Zoomed far out,
 * the node draws as an outline of the same size whose name stays readable.
 */

/** The class's colour as CSS custom properties (grey for a class the meta-model no longer has). */
export function classColor(hue: number): CSSProperties {
  const solid = hue === UNKNOWN_HUE ? "oklch(0.6 0 0)" : `oklch(0.62 0.16 ${hue})`;
  return { "--class": solid } as CSSProperties;
}

const tint = "bg-[color-mix(in_oklch,var(--class)_11%,var(--surface))]";
const classText = "text-[color-mix(in_oklch,var(--class)_75%,var(--foreground))]";

/** Table-cell inputs made to fit a 26 px row. */
const rowInputs =
  "[&_input:not([type=checkbox])]:h-6 [&_select]:h-6 [&_input]:px-1.5 [&_select]:px-1.5 [&_textarea]:px-1.5 [&_input]:text-[12px] [&_select]:text-[12px] [&_textarea]:text-[12px] [&_textarea]:min-h-6 [&_textarea]:py-[3px] [&_textarea]:focus:min-h-16 [&_.h-8]:h-6 [&_.h-8]:px-1.5";

/**
 * The object's name (or title) in the header: written as it is typed, like the table's text cells;
 * Enter or Escape leaves the field. It keeps its accessible name while focused (typing renames the object).
 */
function TitleInput({ value, name, label, disabled, problem, onChange }: { value: string; name: string; label: string; disabled: boolean; problem?: string; onChange(v: string | undefined): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [focusLabel, setFocusLabel] = useState<string | null>(null);
  return (
    <input
      type="text"
      spellCheck={false}
      aria-label={focusLabel ?? `${name} of ${label}`}
      aria-invalid={problem ? true : undefined}
      title={problem}
      placeholder={name}
      disabled={disabled}
      value={draft ?? value}
      onFocus={() => {
        setDraft(value);
        setFocusLabel(`${name} of ${label}`);
      }}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(e.target.value === "" ? undefined : e.target.value);
      }}
      onBlur={() => {
        setDraft(null);
        setFocusLabel(null);
      }}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === "Escape") {
          e.preventDefault();
          e.currentTarget.blur();
        }
      }}
      className="h-7 min-w-12 max-w-44 rounded-md border border-transparent bg-transparent px-1 text-[13px] font-semibold outline-none transition-colors field-sizing-content placeholder:font-normal placeholder:italic placeholder:text-muted-foreground hover:border-border focus:border-ring focus:bg-surface focus:ring-2 focus:ring-ring/20 disabled:hover:border-transparent aria-invalid:border-danger/60 aria-invalid:bg-danger-soft/40"
    />
  );
}

function ProblemBadge({ problems }: { problems: ModelProblem[] }) {
  if (problems.length === 0) return null;
  const errors = problems.some((p) => p.severity === "error");
  const Icon = errors ? CircleAlertIcon : AlertTriangleIcon;
  return (
    <span
      className={cn(
        "absolute -right-2 -top-2 z-10 inline-flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full px-1 text-[11px] font-semibold shadow ring-2 ring-background",
        errors ? "bg-danger text-white" : "bg-warning text-black",
      )}
      title={problems.map((p) => `${p.message} ${p.fix}`).join("\n")}
      role="img"
      aria-label={`${problems.length} ${problems.length === 1 ? "problem" : "problems"}`}
      data-testid="object-problems"
    >
      <Icon className="size-3" />
      {problems.length}
    </span>
  );
}

function PeerTags({ peers }: { peers: PeerBadge[] }) {
  if (peers.length === 0) return null;
  return (
    <span className="absolute -top-5 left-2 flex gap-1">
      {peers.map((p) => (
        <span key={p.name} className="rounded-t px-1.5 text-[10px] font-medium leading-4 text-white" style={{ background: p.color }}>
          {p.name}
        </span>
      ))}
    </span>
  );
}

function Outline({ label, className, height, hue, selected, errors }: { label: string; className: string; height: number; hue: number; selected?: boolean; errors: boolean }) {
  // --diagram-zoom is set on the diagram: names keep a readable size on screen as the view zooms out.
  return (
    <div
      className={cn("relative flex flex-col justify-center overflow-hidden rounded-lg border border-l-[6px] border-l-[var(--class)] px-4", tint, selected && "border-accent ring-4 ring-accent/30", errors && !selected && "border-danger")}
      style={{ ...classColor(hue), width: NODE_WIDTH, height }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="!opacity-0" />
      <div className="truncate font-semibold leading-tight" style={{ fontSize: "min(calc(13px / var(--diagram-zoom, 0.4)), 40px)" }}>
        {label}
      </div>
      <div className={cn("truncate leading-tight", classText)} style={{ fontSize: "min(calc(11px / var(--diagram-zoom, 0.4)), 30px)" }}>
        {className}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </div>
  );
}

export const ObjectNodeView = memo(function ObjectNodeView({ id, data, selected }: NodeProps<ObjectNode>) {
  const { setAttribute, canLink } = useDiagram();
  const zoomedOut = useZoomedOut();
  // Only the id of the node a link starts from: nodes re-render when a drag starts and ends, not as it moves.
  const linkFrom = useConnection((c) => (c.inProgress ? c.fromNode.id : null));
  const { mm, object, view, label, problems, peers, readOnly } = data;
  const errors = problems.some((p) => p.severity === "error");

  const [focused, setFocused] = useState<string | null>(null);
  const store = useStoreApi<ObjectNode>();

  const filled = filledRows(view, object);
  if (zoomedOut) return <Outline label={label} className={view.name} height={estimateSize(view, object).height} hue={view.hue} selected={selected} errors={errors} />;
  // The row being edited stays while it has focus, even when its value is cleared.
  const rows = selected ? view.rows : view.rows.filter((a) => a.id === focused || filled.includes(a));
  const hidden = view.rows.length - rows.length;
  const body = rows.length > 0 || view.unknown;

  const linkable = linkFrom !== null ? canLink(linkFrom, id) : null;
  const problemOf = (featureId: string) => {
    const list = problems.filter((p) => p.featureId === featureId);
    return list.length ? list.map((p) => p.message).join("\n") : undefined;
  };
  const edit = (attr: Attribute) => (value: Parameters<typeof setAttribute>[2]) => setAttribute(object.id, attr.id, value);
  const title = view.title;
  const noName = label === object.id;

  return (
    <div
      className={cn(
        "group relative rounded-lg border bg-surface text-[12px] shadow-[0_1px_2px_rgb(0_0_0/0.06)] transition-[opacity,box-shadow] duration-150",
        selected ? "border-accent shadow-md ring-2 ring-accent/25" : "hover:shadow-md",
        errors && !selected && "border-danger/60",
        linkable === false && "opacity-35",
        linkable === true && linkFrom !== id && "ring-2 ring-accent/50",
      )}
      style={{ ...classColor(view.hue), width: NODE_WIDTH, ...(peers[0] && !selected ? { outline: `2px solid ${peers[0].color}`, outlineOffset: 2 } : {}) }}
      data-testid="object-node"
      data-object-id={object.id}
    >
      <PeerTags peers={peers} />
      <ProblemBadge problems={problems} />
      {/* The whole node takes the end of a link (React Flow lets it catch the pointer only while one is dragged). */}
      <Handle type="target" position={Position.Left} isConnectableStart={false} className="!absolute !inset-0 !h-full !w-full !transform-none !rounded-lg !border-0 !bg-transparent !opacity-0" />
      <div className={cn("flex h-[38px] items-center gap-1.5 pl-2.5 pr-2", tint, body ? "rounded-t-[7px] border-b" : "rounded-[7px]")}>
        <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-[var(--class)]" />
        {title ? (
          <span data-feature={title.id} className="nodrag nopan flex min-w-0 shrink">
            {typeof object.attributes[title.id] === "string" || object.attributes[title.id] === undefined ? (
              <TitleInput value={(object.attributes[title.id] as string | undefined) ?? ""} name={title.name} label={label} disabled={readOnly} problem={problemOf(title.id)} onChange={edit(title)} />
            ) : (
              <ValueInput mm={mm} attr={title} value={object.attributes[title.id]} label={`${title.name} of ${label}`} disabled={readOnly} problem={problemOf(title.id)} onChange={edit(title)} />
            )}
          </span>
        ) : (
          <span className={cn("min-w-0 truncate px-1 text-[13px] font-semibold", noName && "font-mono text-[12px] font-normal text-muted-foreground")} title={object.id}>
            {label}
          </span>
        )}
        <span className={cn("shrink-0 truncate text-[12px] font-medium", classText, (view.abstract || view.unknown) && "italic")} title={view.unknown ? "This object's class was removed from the meta-model." : view.abstract ? `${view.name} is abstract: re-create this object as a subclass.` : undefined}>
          <span className="text-muted-foreground">: </span>
          {view.unknown ? "removed class" : view.name}
        </span>
      </div>
      {body ? (
        <div
          className="py-1"
          onFocus={(e) => setFocused((e.target as HTMLElement).closest<HTMLElement>("[data-feature]")?.dataset.feature ?? null)}
          onBlur={() => setFocused(null)}
        >
          {rows.map((attr) => (
            <div key={attr.id} className="flex min-h-[26px] items-start gap-1 pl-2.5 pr-1.5" data-feature={attr.id}>
              <span className={cn("w-[88px] shrink-0 truncate pt-[5px] text-[11.5px] leading-4 text-muted-foreground", problemOf(attr.id) && "text-danger")} title={attr.description || attr.name}>
                {attr.name}
                {attr.required ? <span className="text-danger"> *</span> : null}
              </span>
              <div className={cn("nodrag nopan min-w-0 flex-1", rowInputs, (attr.type === "text" || attr.type === "json") && "nowheel")}>
                <ValueInput mm={mm} attr={attr} value={object.attributes[attr.id]} label={`${attr.name} of ${label}`} disabled={readOnly} problem={problemOf(attr.id)} onChange={edit(attr)} />
              </div>
            </div>
          ))}
          {view.unknown ? <p className="flex h-[26px] items-center px-3 text-[11px] italic text-muted-foreground">Its values are kept until you delete it.</p> : null}
        </div>
      ) : null}
      {hidden > 0 ? (
        <button
          type="button"
          className="nodrag absolute left-2 top-full mt-1 rounded-md px-1.5 py-0.5 text-[11px] text-muted-foreground opacity-0 transition-opacity hover:bg-surface-muted hover:text-foreground focus-visible:opacity-100 group-hover:opacity-100"
          onClick={() => store.getState().addSelectedNodes([id])}
          title="Select the object to see and fill every attribute"
        >
          + {hidden} empty {hidden === 1 ? "attribute" : "attributes"}
        </button>
      ) : null}
      <Handle
        type="source"
        position={Position.Right}
        className={cn(
          "!size-3 !border-2 !border-surface !bg-[var(--class)] transition-opacity",
          readOnly || view.unknown ? "!hidden" : selected ? "" : "!opacity-0 group-hover:!opacity-100",
        )}
        title="Drag to another object to link them"
        aria-label={`Link ${label} to another object`}
      />
    </div>
  );
});

export const nodeTypes = { object: ObjectNodeView };
