"use client";
import { AlertTriangleIcon, CircleAlertIcon, PlusIcon, Trash2Icon, XIcon } from "lucide-react";
import { useState, type ReactNode } from "react";
import type { MetamodelEditor } from "@/core/collab/metamodel-doc";
import { MetamodelIndex } from "@/core/metamodel/inheritance";
import { parseMultiplicity } from "@/core/metamodel/notation";
import { multiplicity, PRIMITIVE_TYPES, type Attribute, type MetaClass, type MetaEnum, type MetaModel, type Reference } from "@/core/metamodel/schema";
import type { Problem } from "@/core/metamodel/validate";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/** The side panel: every field of the selected element, editable; the meta-model itself when nothing is selected. */

const inputClass =
  "w-full rounded-md border bg-surface px-2 py-1 text-[13px] outline-none focus:border-ring focus:ring-2 focus:ring-ring/20 disabled:opacity-60";

/** A text field bound to a document value: edits apply as you type; remote edits show when not focused. */
function DocText({
  value,
  onChange,
  disabled,
  label,
  multiline,
  mono,
  placeholder,
}: {
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  label: string;
  multiline?: boolean;
  mono?: boolean;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const props = {
    "aria-label": label,
    value: draft ?? value,
    disabled,
    placeholder,
    onFocus: () => setDraft(value),
    onBlur: () => setDraft(null),
    onChange: (e: { target: { value: string } }) => {
      setDraft(e.target.value);
      onChange(e.target.value);
    },
    onKeyDown: (e: { stopPropagation(): void }) => e.stopPropagation(),
    className: cn(inputClass, mono && "font-mono text-[12px]"),
  };
  return multiline ? <textarea rows={3} {...props} /> : <input {...props} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="grid gap-1 text-[12px] text-muted-foreground">
      {label}
      {children}
    </label>
  );
}

function Check({ label, checked, onChange, disabled }: { label: string; checked: boolean; onChange(v: boolean): void; disabled?: boolean }) {
  return (
    <label className="inline-flex items-center gap-1.5 text-[12px]">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} className="accent-[var(--accent)]" />
      {label}
    </label>
  );
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="border-b px-4 py-3">
      <div className="mb-2 flex items-center justify-between">
        <h3 className="text-[11px] font-semibold uppercase tracking-wide text-muted-foreground">{title}</h3>
        {action}
      </div>
      <div className="grid gap-2.5">{children}</div>
    </section>
  );
}

function ProblemList({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="grid gap-1.5 border-b bg-danger-soft/40 px-4 py-3">
      {problems.map((p, i) => (
        <li key={`${p.elementId}-${i}`} className="flex gap-2 text-[12px]">
          {p.severity === "error" ? <CircleAlertIcon className="mt-0.5 size-3.5 shrink-0 text-danger" /> : <AlertTriangleIcon className="mt-0.5 size-3.5 shrink-0 text-warning" />}
          <span>
            {p.message} <span className="text-muted-foreground">{p.fix}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

const TYPE_OPTIONS = (enums: MetaEnum[]) => [
  ...PRIMITIVE_TYPES.map((t) => ({ value: t, label: t })),
  ...enums.map((e) => ({ value: `enum:${e.id}`, label: `${e.name} (enum)` })),
];

function AttributeEditor({ cls, a, mm, editor, readOnly }: { cls: MetaClass; a: Attribute; mm: MetaModel; editor: MetamodelEditor; readOnly: boolean }) {
  const typeValue = a.type === "enum" ? `enum:${a.enumId}` : a.type;
  return (
    <div className="grid gap-2 rounded-md border bg-surface-muted/40 p-2" data-testid={`attribute-${a.name}`}>
      <div className="flex items-center gap-1.5">
        <div className="flex-1">
          <DocText label="Attribute name" mono value={a.name} disabled={readOnly} onChange={(name) => editor.updateFeature(cls.id, a.id, { name })} />
        </div>
        <select
          aria-label="Attribute type"
          className={cn(inputClass, "w-32")}
          value={typeValue}
          disabled={readOnly}
          onChange={(e) => {
            const v = e.target.value;
            if (v.startsWith("enum:")) editor.updateFeature(cls.id, a.id, { type: "enum", enumId: v.slice(5), default: undefined });
            else editor.updateFeature(cls.id, a.id, { type: v as Attribute["type"], default: undefined });
          }}
        >
          {TYPE_OPTIONS(mm.enums).map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {!readOnly ? (
          <button type="button" aria-label={`Delete attribute ${a.name}`} className="rounded p-1 text-muted-foreground hover:text-danger" onClick={() => editor.deleteFeature(cls.id, a.id)}>
            <Trash2Icon className="size-3.5" />
          </button>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        <Check label="required" checked={a.required} disabled={readOnly} onChange={(required) => editor.updateFeature(cls.id, a.id, { required })} />
        <Check label="many" checked={a.many} disabled={readOnly} onChange={(many) => editor.updateFeature(cls.id, a.id, { many })} />
        <Check label="unique" checked={a.unique} disabled={readOnly} onChange={(unique) => editor.updateFeature(cls.id, a.id, { unique })} />
      </div>
      <DocText
        label="Default value"
        mono
        placeholder="default (optional)"
        value={a.default === undefined || a.default === null ? "" : String(a.default)}
        disabled={readOnly}
        onChange={(text) => {
          let value: Attribute["default"] = text;
          if (text === "") value = undefined;
          else if (a.type === "int" || a.type === "float") value = Number.isFinite(Number(text)) ? Number(text) : text;
          else if (a.type === "bool") value = text === "true" ? true : text === "false" ? false : text;
          editor.updateFeature(cls.id, a.id, { default: value });
        }}
      />
    </div>
  );
}

function MultiplicityInput({ r, onChange, disabled }: { r: Reference; onChange(b: { lower: number; upper: number }): void; disabled?: boolean }) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = multiplicity(r.lower, r.upper);
  const bad = draft !== null && !parseMultiplicity(draft);
  return (
    <input
      aria-label="Multiplicity"
      className={cn(inputClass, "w-20 font-mono text-[12px]", bad && "border-danger")}
      value={draft ?? shown}
      disabled={disabled}
      title="0..1, 1, 0..*, 1..*, or n..m"
      onFocus={() => setDraft(shown)}
      onBlur={() => setDraft(null)}
      onKeyDown={(e) => e.stopPropagation()}
      onChange={(e) => {
        setDraft(e.target.value);
        const bounds = parseMultiplicity(e.target.value);
        if (bounds) onChange(bounds);
      }}
    />
  );
}

function ReferenceEditor({ owner, r, mm, editor, readOnly }: { owner: MetaClass; r: Reference; mm: MetaModel; editor: MetamodelEditor; readOnly: boolean }) {
  const target = mm.classes.find((c) => c.id === r.target);
  const candidates = (target?.references ?? []).filter((x) => x.target === owner.id && x.id !== r.id);
  return (
    <div className="grid gap-2 rounded-md border bg-surface-muted/40 p-2" data-testid={`reference-${r.name}`}>
      <div className="flex items-center gap-1.5">
        <div className="flex-1">
          <DocText label="Reference name" mono value={r.name} disabled={readOnly} onChange={(name) => editor.updateFeature(owner.id, r.id, { name })} />
        </div>
        <MultiplicityInput r={r} disabled={readOnly} onChange={(b) => editor.updateFeature(owner.id, r.id, b)} />
        {!readOnly ? (
          <button type="button" aria-label={`Delete reference ${r.name}`} className="rounded p-1 text-muted-foreground hover:text-danger" onClick={() => editor.deleteFeature(owner.id, r.id)}>
            <Trash2Icon className="size-3.5" />
          </button>
        ) : null}
      </div>
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-2 gap-y-1.5 text-[12px]">
        <span className="text-muted-foreground">target</span>
        <select aria-label="Reference target" className={inputClass} value={r.target} disabled={readOnly} onChange={(e) => editor.updateFeature(owner.id, r.id, { target: e.target.value, opposite: undefined })}>
          {!target ? <option value={r.target}>(missing class)</option> : null}
          {mm.classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <span className="text-muted-foreground">opposite</span>
        <select
          aria-label="Opposite"
          className={inputClass}
          value={r.opposite ?? ""}
          disabled={readOnly}
          onChange={(e) => {
            const id = e.target.value;
            if (!id) {
              if (r.opposite && target) editor.updateFeature(target.id, r.opposite, { opposite: undefined });
              editor.updateFeature(owner.id, r.id, { opposite: undefined });
            } else if (target) editor.linkOpposites({ classId: owner.id, refId: r.id }, { classId: target.id, refId: id });
          }}
        >
          <option value="">none</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {target?.name}.{c.name}
            </option>
          ))}
        </select>
      </div>
      <Check label="containment (owns the targets)" checked={r.containment} disabled={readOnly} onChange={(containment) => editor.updateFeature(owner.id, r.id, { containment })} />
    </div>
  );
}

function ClassInspector({ cls, mm, editor, readOnly, problems }: { cls: MetaClass; mm: MetaModel; editor: MetamodelEditor; readOnly: boolean; problems: Problem[] }) {
  const index = new MetamodelIndex(mm);
  const superCandidates = mm.classes.filter((c) => c.id !== cls.id && !cls.supertypes.includes(c.id) && !index.conformsTo(c.id, cls.id));
  const uniqueName = (base: string) => {
    const taken = new Set(index.allFeatures(cls.id).map((f) => f.feature.name));
    let n = 1;
    while (taken.has(n === 1 ? base : `${base}${n}`)) n++;
    return n === 1 ? base : `${base}${n}`;
  };
  return (
    <>
      <ProblemList problems={problems} />
      <Section title="Class">
        <Row label="Name">
          <DocText label="Class name" value={cls.name} disabled={readOnly} onChange={(name) => editor.updateClass(cls.id, { name })} />
        </Row>
        <Row label="Description">
          <DocText label="Class description" multiline value={cls.description} disabled={readOnly} onChange={(description) => editor.updateClass(cls.id, { description })} />
        </Row>
        <Check label="Abstract (only its subclasses have objects)" checked={cls.abstract} disabled={readOnly} onChange={(abstract) => editor.updateClass(cls.id, { abstract })} />
      </Section>
      <Section title="Supertypes">
        <div className="flex flex-wrap gap-1.5">
          {cls.supertypes.length === 0 ? <span className="text-[12px] text-muted-foreground">None.</span> : null}
          {cls.supertypes.map((s) => (
            <span key={s} className="inline-flex items-center gap-1 rounded-full bg-surface-muted px-2 py-0.5 text-[12px]">
              {index.classes.get(s)?.name ?? "(missing)"}
              {!readOnly ? (
                <button type="button" aria-label="Remove supertype" onClick={() => editor.removeSupertype(cls.id, s)} className="text-muted-foreground hover:text-danger">
                  <XIcon className="size-3" />
                </button>
              ) : null}
            </span>
          ))}
        </div>
        {!readOnly && superCandidates.length ? (
          <select aria-label="Add supertype" className={inputClass} value="" onChange={(e) => e.target.value && editor.addSupertype(cls.id, e.target.value)}>
            <option value="">Add a supertype...</option>
            {superCandidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        ) : null}
      </Section>
      <Section
        title={`Attributes (${cls.attributes.length})`}
        action={
          !readOnly ? (
            <Button size="sm" variant="ghost" className="h-6 px-2" onClick={() => editor.addAttribute(cls.id, { name: uniqueName("attribute") })}>
              <PlusIcon /> Add
            </Button>
          ) : null
        }
      >
        {cls.attributes.map((a) => (
          <AttributeEditor key={a.id} cls={cls} a={a} mm={mm} editor={editor} readOnly={readOnly} />
        ))}
      </Section>
      <Section
        title={`References (${cls.references.length})`}
        action={
          !readOnly ? (
            <Button size="sm" variant="ghost" className="h-6 px-2" onClick={() => editor.addReference(cls.id, { name: uniqueName("reference"), target: cls.id, lower: 0, upper: 1 })}>
              <PlusIcon /> Add
            </Button>
          ) : null
        }
      >
        {cls.references.length === 0 ? <p className="text-[12px] text-muted-foreground">Drag from the dot on a class to another class to draw one.</p> : null}
        {cls.references.map((r) => (
          <ReferenceEditor key={r.id} owner={cls} r={r} mm={mm} editor={editor} readOnly={readOnly} />
        ))}
      </Section>
    </>
  );
}

function EnumInspector({ en, editor, readOnly, problems }: { en: MetaEnum; editor: MetamodelEditor; readOnly: boolean; problems: Problem[] }) {
  return (
    <>
      <ProblemList problems={problems} />
      <Section title="Enum">
        <Row label="Name">
          <DocText label="Enum name" value={en.name} disabled={readOnly} onChange={(name) => editor.updateEnum(en.id, { name })} />
        </Row>
        <Row label="Description">
          <DocText label="Enum description" multiline value={en.description} disabled={readOnly} onChange={(description) => editor.updateEnum(en.id, { description })} />
        </Row>
      </Section>
      <Section
        title={`Literals (${en.literals.length})`}
        action={
          !readOnly ? (
            <Button size="sm" variant="ghost" className="h-6 px-2" onClick={() => editor.addLiteral(en.id, `LITERAL${en.literals.length + 1}`)}>
              <PlusIcon /> Add
            </Button>
          ) : null
        }
      >
        {en.literals.map((l) => (
          <div key={l.id} className="flex items-center gap-1.5">
            <div className="flex-1">
              <DocText label="Literal" mono value={l.name} disabled={readOnly} onChange={(name) => editor.renameLiteral(en.id, l.id, name)} />
            </div>
            {!readOnly ? (
              <button type="button" aria-label={`Delete literal ${l.name}`} className="rounded p-1 text-muted-foreground hover:text-danger" onClick={() => editor.deleteLiteral(en.id, l.id)}>
                <Trash2Icon className="size-3.5" />
              </button>
            ) : null}
          </div>
        ))}
      </Section>
    </>
  );
}

export function Inspector({
  mm,
  problems,
  selectedNodes,
  selectedEdges,
  editor,
  readOnly,
  onDeleteSelection,
}: {
  mm: MetaModel;
  problems: Problem[];
  selectedNodes: string[];
  selectedEdges: string[];
  editor: MetamodelEditor;
  readOnly: boolean;
  onDeleteSelection(): void;
}) {
  const total = selectedNodes.length + selectedEdges.length;
  let body: ReactNode;
  if (total > 1) {
    body = (
      <Section title="Selection">
        <p className="text-[13px]">
          {selectedNodes.length} {selectedNodes.length === 1 ? "node" : "nodes"}, {selectedEdges.length} {selectedEdges.length === 1 ? "edge" : "edges"} selected.
        </p>
        {!readOnly ? (
          <Button variant="secondary" size="sm" onClick={onDeleteSelection}>
            <Trash2Icon /> Delete selection
          </Button>
        ) : null}
      </Section>
    );
  } else if (selectedNodes.length === 1) {
    const id = selectedNodes[0]!;
    const cls = mm.classes.find((c) => c.id === id);
    const en = mm.enums.find((e) => e.id === id);
    const own = problems.filter((p) => p.nodeId === id);
    body = cls ? (
      <ClassInspector cls={cls} mm={mm} editor={editor} readOnly={readOnly} problems={own} />
    ) : en ? (
      <EnumInspector en={en} editor={editor} readOnly={readOnly} problems={own} />
    ) : null;
  } else if (selectedEdges.length === 1) {
    const id = selectedEdges[0]!;
    if (id.startsWith("inh:")) {
      const [, sub, sup] = id.split(":");
      const subName = mm.classes.find((c) => c.id === sub)?.name;
      const supName = mm.classes.find((c) => c.id === sup)?.name;
      body = (
        <Section title="Inheritance">
          <p className="text-[13px]">
            <span className="font-medium">{subName}</span> extends <span className="font-medium">{supName}</span>, inheriting its attributes and references.
          </p>
          {!readOnly ? (
            <Button variant="secondary" size="sm" onClick={() => editor.removeSupertype(sub!, sup!)}>
              Remove inheritance
            </Button>
          ) : null}
        </Section>
      );
    } else {
      const owner = mm.classes.find((c) => c.references.some((r) => r.id === id));
      const ref = owner?.references.find((r) => r.id === id);
      const opposite = ref?.opposite ? mm.classes.flatMap((c) => c.references.map((r) => ({ c, r }))).find((x) => x.r.id === ref.opposite) : undefined;
      body =
        owner && ref ? (
          <>
            <ProblemList problems={problems.filter((p) => p.elementId === ref.id || p.elementId === opposite?.r.id)} />
            <Section title={`Reference of ${owner.name}`}>
              <ReferenceEditor owner={owner} r={ref} mm={mm} editor={editor} readOnly={readOnly} />
            </Section>
            {opposite ? (
              <Section title={`Opposite, of ${opposite.c.name}`}>
                <ReferenceEditor owner={opposite.c} r={opposite.r} mm={mm} editor={editor} readOnly={readOnly} />
              </Section>
            ) : null}
          </>
        ) : null;
    }
  } else {
    const attributes = mm.classes.reduce((n, c) => n + c.attributes.length, 0);
    const references = mm.classes.reduce((n, c) => n + c.references.length, 0);
    body = (
      <>
        <Section title="Meta-model">
          <Row label="Name">
            <DocText label="Meta-model name" value={mm.name} disabled={readOnly} onChange={(name) => editor.setInfo({ name })} />
          </Row>
          <Row label="Description">
            <DocText label="Meta-model description" multiline value={mm.description} disabled={readOnly} onChange={(description) => editor.setInfo({ description })} />
          </Row>
          <p className="text-[12px] text-muted-foreground">
            {mm.classes.length} classes · {mm.enums.length} enums · {attributes} attributes · {references} references
          </p>
        </Section>
        {!readOnly ? (
          <Section title="How to">
            <ul className="grid list-disc gap-1 pl-4 text-[12px] text-muted-foreground">
              <li>Double-click the canvas, or press N, to add a class; E adds an enum.</li>
              <li>Double-click a name or an attribute to edit it in place: &ldquo;price: float&rdquo;, &ldquo;tags?: string[]&rdquo;.</li>
              <li>Drag from the dot on a class to another class: a reference, a containment or an inheritance, as set in the toolbar.</li>
              <li>Select something to edit every field here. Press ? for all shortcuts.</li>
            </ul>
          </Section>
        ) : null}
      </>
    );
  }
  return (
    <aside className="w-80 shrink-0 overflow-y-auto border-l bg-surface" aria-label="Inspector" data-testid="inspector">
      {body}
    </aside>
  );
}

