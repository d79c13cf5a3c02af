"use client";
import { Handle, Position, useStore, type NodeProps } from "@xyflow/react";
import { AlertTriangleIcon, CircleAlertIcon, PlusIcon, XIcon } from "lucide-react";
import { memo } from "react";
import { formatAttribute, parseAttribute } from "@/core/metamodel/notation";
import { IDENTIFIER } from "@/core/metamodel/schema";
import type { Problem } from "@/core/metamodel/validate";
import { cn } from "@/lib/utils";
import { useCanvas, useInlineEdit } from "./canvas-context";
import type { ClassNode, EnumNode, PeerBadge } from "./graph";
import { InlineInput } from "./inline-input";

/** Class and enum nodes: header with the name, one row per attribute or literal, inline editing. */

/** Below this zoom, text is unreadable anyway: nodes draw as light outlines (far less to paint). */
export const DETAIL_ZOOM = 0.45;
export const useZoomedOut = () => useStore((s) => s.transform[2] < DETAIL_ZOOM);

/** The zoomed-out stand-in of a node: same size, name only, rows as bars. */
function Outline({ title, rows, selected, tone, problems }: { title: string; rows: number; selected?: boolean; tone: string; problems: number }) {
  return (
    <div
      className={cn("relative w-60 rounded-lg border bg-surface", selected && "border-accent ring-2 ring-accent/25", problems && !selected && "border-danger")}
      style={{ height: 46 + Math.max(1, rows) * 22 + 10 }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="!opacity-0" />
      <div className={cn("truncate rounded-t-lg px-3 py-3 text-[18px] font-semibold", tone)}>{title}</div>
      <div
        className="mx-3 mt-1"
        style={{
          height: Math.max(1, rows) * 22,
          background: "repeating-linear-gradient(to bottom, var(--surface-muted) 0 12px, transparent 12px 22px)",
        }}
      />
      <Handle type="source" position={Position.Right} isConnectable={false} className="!opacity-0" />
    </div>
  );
}

function ProblemMarker({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === "error").length;
  const Icon = errors ? CircleAlertIcon : AlertTriangleIcon;
  return (
    <span
      className={cn(
        "absolute -right-2 -top-2 z-10 inline-flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full px-1 text-[11px] font-semibold text-white shadow",
        errors ? "bg-danger" : "bg-warning text-black",
      )}
      title={problems.map((p) => p.message).join("\n")}
      data-testid="problem-marker"
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

function nodeFrame(selected: boolean | undefined, peers: PeerBadge[], hasError: boolean) {
  return {
    className: cn(
      "group relative w-60 rounded-lg border bg-surface text-[12px] shadow-sm",
      selected ? "border-accent shadow-md ring-2 ring-accent/25" : "hover:shadow-md",
      hasError && !selected && "border-danger/60",
    ),
    style: peers[0] && !selected ? { outline: `2px solid ${peers[0].color}`, outlineOffset: 2 } : undefined,
  };
}

function uniqueName(base: string, taken: string[]): string {
  if (!taken.includes(base)) return base;
  let n = 2;
  while (taken.includes(`${base}${n}`)) n++;
  return `${base}${n}`;
}

export const ClassNodeView = memo(function ClassNodeView({ id, data, selected }: NodeProps<ClassNode>) {
  const { editor, readOnly, inline, allEnums } = useCanvas();
  const editing = useInlineEdit(id);
  const zoomedOut = useZoomedOut();
  const { cls, problems, peers } = data;
  if (zoomedOut && !editing) {
    return <Outline title={cls.name} rows={cls.attributes.length + (data.inheritedCount ? 1 : 0)} selected={selected} tone={cls.abstract ? "bg-surface-muted" : "bg-accent-soft/60"} problems={problems.length} />;
  }
  const problemIds = new Set(problems.map((p) => p.elementId));
  const hasError = problems.some((p) => p.severity === "error");
  const frame = nodeFrame(selected, peers, hasError);
  const stop = () => inline.set(null);

  return (
    <div className={frame.className} style={frame.style} data-testid={`class-node-${cls.name}`}>
      <PeerTags peers={peers} />
      <ProblemMarker problems={problems} />
      <Handle type="target" position={Position.Top} isConnectableStart={false} className="!absolute !inset-0 !h-full !w-full !translate-0 !rounded-lg !border-0 !bg-transparent !opacity-0" />
      <div
        className={cn("rounded-t-lg border-b px-3 pb-2 pt-2", cls.abstract ? "bg-surface-muted" : "bg-accent-soft/60")}
        onDoubleClick={(e) => {
          if (readOnly) return;
          e.stopPropagation();
          inline.set({ nodeId: id, target: "name" });
        }}
      >
        {cls.abstract ? <div className="text-[10px] uppercase tracking-wide text-muted-foreground">abstract</div> : null}
        {editing === "name" ? (
          <InlineInput
            ariaLabel="Rename class"
            initial={cls.name}
            onCancel={stop}
            onCommit={(value) => {
              const name = value.trim();
              if (!IDENTIFIER.test(name)) return "Use letters, digits and _, starting with a letter.";
              editor.updateClass(id, { name });
              stop();
            }}
            className="text-[13px] font-semibold"
          />
        ) : (
          <div className={cn("truncate text-[13px] font-semibold", cls.abstract && "italic", problemIds.has(id) && "text-danger")}>{cls.name || "(unnamed)"}</div>
        )}
        {data.superNames.length ? <div className="truncate text-[11px] text-muted-foreground">extends {data.superNames.join(", ")}</div> : null}
      </div>
      <ul className="py-1">
        {cls.attributes.map((a) =>
          editing === a.id ? (
            <li key={a.id} className="px-2 py-0.5">
              <InlineInput
                ariaLabel="Edit attribute"
                initial={formatAttribute(a, data.enums)}
                onCancel={stop}
                onCommit={(value) => {
                  if (value.trim() === "") {
                    editor.deleteFeature(id, a.id);
                    stop();
                    return;
                  }
                  const parsed = parseAttribute(value, allEnums());
                  if (!parsed.ok) return parsed.error;
                  const { default: def, enumId, ...rest } = parsed.value;
                  editor.updateFeature(id, a.id, { ...rest, enumId, default: def });
                  stop();
                }}
              />
            </li>
          ) : (
            <li
              key={a.id}
              className={cn("group/row flex items-center gap-1 px-3 py-[3px] font-mono text-[11.5px] leading-[18px]", problemIds.has(a.id) && "text-danger underline decoration-wavy decoration-danger/60")}
              onDoubleClick={(e) => {
                if (readOnly) return;
                e.stopPropagation();
                inline.set({ nodeId: id, target: a.id });
              }}
              title={a.description || undefined}
            >
              <span className="min-w-0 flex-1 truncate">
                <span className={cn(a.required && "font-semibold")}>{a.name}</span>
                {a.required ? "" : "?"}
                <span className="text-muted-foreground">: {a.type === "enum" ? (data.enums.find((e) => e.id === a.enumId)?.name ?? "?") : a.type}
                {a.many ? "[]" : ""}</span>
                {a.unique ? <span className="ml-1 rounded bg-surface-muted px-1 text-[9px] text-muted-foreground">unique</span> : null}
              </span>
              {!readOnly ? (
                <button
                  type="button"
                  className="nodrag invisible rounded p-0.5 text-muted-foreground hover:text-danger group-hover/row:visible"
                  aria-label={`Delete ${a.name}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    editor.deleteFeature(id, a.id);
                  }}
                >
                  <XIcon className="size-3" />
                </button>
              ) : null}
            </li>
          ),
        )}
        {cls.attributes.length === 0 ? <li className="px-3 py-1 text-[11px] italic text-muted-foreground">no attributes</li> : null}
        {data.inheritedCount ? <li className="px-3 py-[3px] text-[11px] text-muted-foreground">+ {data.inheritedCount} inherited</li> : null}
      </ul>
      {!readOnly ? (
        <button
          type="button"
          className={cn(
            "nodrag flex w-full items-center gap-1 rounded-b-lg border-t px-3 py-1 text-[11px] text-muted-foreground hover:bg-surface-muted hover:text-foreground",
            !selected && "hidden group-hover:flex",
          )}
          onClick={(e) => {
            e.stopPropagation();
            const attrId = editor.addAttribute(id, { name: uniqueName("attribute", cls.attributes.map((a) => a.name)), required: false });
            inline.set({ nodeId: id, target: attrId });
          }}
        >
          <PlusIcon className="size-3" /> attribute
        </button>
      ) : null}
      <Handle
        type="source"
        position={Position.Right}
        className={cn("!size-3 !border-2 !border-surface !bg-accent", readOnly ? "!hidden" : selected ? "" : "!opacity-0 group-hover:!opacity-100")}
        title="Drag to another class to connect"
      />
    </div>
  );
});

export const EnumNodeView = memo(function EnumNodeView({ id, data, selected }: NodeProps<EnumNode>) {
  const { editor, readOnly, inline } = useCanvas();
  const editing = useInlineEdit(id);
  const zoomedOut = useZoomedOut();
  const { en, problems, peers } = data;
  if (zoomedOut && !editing) {
    return <Outline title={en.name} rows={en.literals.length} selected={selected} tone="bg-warning/15" problems={problems.length} />;
  }
  const problemIds = new Set(problems.map((p) => p.elementId));
  const frame = nodeFrame(selected, peers, problems.some((p) => p.severity === "error"));
  const stop = () => inline.set(null);
  const identifier = (value: string) => (IDENTIFIER.test(value.trim()) ? undefined : "Use letters, digits and _, starting with a letter.");

  return (
    <div className={cn(frame.className, "w-52")} style={frame.style} data-testid={`enum-node-${en.name}`}>
      <PeerTags peers={peers} />
      <ProblemMarker problems={problems} />
      <Handle type="target" position={Position.Top} isConnectable={false} className="!opacity-0" />
      <div
        className="rounded-t-lg border-b bg-warning/15 px-3 pb-2 pt-2"
        onDoubleClick={(e) => {
          if (readOnly) return;
          e.stopPropagation();
          inline.set({ nodeId: id, target: "name" });
        }}
      >
        <div className="text-[10px] uppercase tracking-wide text-muted-foreground">enum</div>
        {editing === "name" ? (
          <InlineInput
            ariaLabel="Rename enum"
            initial={en.name}
            onCancel={stop}
            onCommit={(value) => {
              const bad = identifier(value);
              if (bad) return bad;
              editor.updateEnum(id, { name: value.trim() });
              stop();
            }}
          />
        ) : (
          <div className="truncate text-[13px] font-semibold">{en.name || "(unnamed)"}</div>
        )}
      </div>
      <ul className="py-1">
        {en.literals.map((l) =>
          editing === l.id ? (
            <li key={l.id} className="px-2 py-0.5">
              <InlineInput
                ariaLabel="Rename literal"
                initial={l.name}
                onCancel={stop}
                onCommit={(value) => {
                  if (value.trim() === "") {
                    editor.deleteLiteral(id, l.id);
                    stop();
                    return;
                  }
                  const bad = identifier(value);
                  if (bad) return bad;
                  editor.renameLiteral(id, l.id, value.trim());
                  stop();
                }}
              />
            </li>
          ) : (
            <li
              key={l.id}
              className={cn("group/row flex items-center px-3 py-[3px] font-mono text-[11.5px]", problemIds.has(l.id) && "text-danger")}
              onDoubleClick={(e) => {
                if (readOnly) return;
                e.stopPropagation();
                inline.set({ nodeId: id, target: l.id });
              }}
            >
              <span className="flex-1 truncate">{l.name}</span>
              {!readOnly ? (
                <button
                  type="button"
                  className="nodrag invisible rounded p-0.5 text-muted-foreground hover:text-danger group-hover/row:visible"
                  aria-label={`Delete ${l.name}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    editor.deleteLiteral(id, l.id);
                  }}
                >
                  <XIcon className="size-3" />
                </button>
              ) : null}
            </li>
          ),
        )}
        {en.literals.length === 0 ? <li className="px-3 py-1 text-[11px] italic text-muted-foreground">no literals</li> : null}
      </ul>
      {!readOnly ? (
        <button
          type="button"
          className={cn("nodrag flex w-full items-center gap-1 rounded-b-lg border-t px-3 py-1 text-[11px] text-muted-foreground hover:bg-surface-muted", !selected && "hidden group-hover:flex")}
          onClick={(e) => {
            e.stopPropagation();
            const litId = editor.addLiteral(id, uniqueName("LITERAL", en.literals.map((l) => l.name)));
            inline.set({ nodeId: id, target: litId });
          }}
        >
          <PlusIcon className="size-3" /> literal
        </button>
      ) : null}
    </div>
  );
});

export const nodeTypes = { class: ClassNodeView, enum: EnumNodeView };
