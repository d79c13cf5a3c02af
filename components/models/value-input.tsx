"use client";
import { ChevronDownIcon, PlusIcon, XIcon } from "lucide-react";
import { useId, useState, type ComponentProps, type KeyboardEvent } from "react";
import { enumLiterals } from "@/core/model/document";
import type { Attribute, MetaModel } from "@/core/metamodel/schema";
import type { JsonValue } from "@/core/model/schema";
import { cn } from "@/lib/utils";
import { fitsInput, formatValue, parseValue, showValue, type Parsed } from "./model-info";

/**
 * The input for one attribute value of one object, typed by the meta-model: text, textarea, number,
 * checkbox, date, date-time, enum select, JSON, or a list of chips for `many` attributes. Edits are
 * written as they are typed (JSON when the field is left); a value that does not parse is not written
 * and stays in the field, marked, until it is fixed or Escape takes it back.
 */

export const cellInput =
  "w-full min-w-0 rounded-md border border-transparent bg-transparent px-2 py-1 text-[13px] outline-none transition-colors hover:border-border focus:border-ring focus:bg-surface focus:ring-2 focus:ring-ring/20 disabled:cursor-default disabled:hover:border-transparent aria-invalid:border-danger/60 aria-invalid:bg-danger-soft/40";

/** A native select styled as a table cell: the chevron shows on hover and focus only. */
export function SelectCell({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <span className="group/select relative block">
      <select {...props} className={cn(cellInput, "h-8 cursor-pointer appearance-none truncate pr-6 disabled:cursor-default", className)}>
        {children}
      </select>
      {props.disabled ? null : (
        <ChevronDownIcon aria-hidden="true" className="pointer-events-none absolute right-1.5 top-1/2 size-3.5 -translate-y-1/2 text-muted-foreground opacity-0 transition-opacity group-focus-within/select:opacity-100 group-hover/select:opacity-100" />
      )}
    </span>
  );
}

export interface ValueInputProps {
  mm: MetaModel;
  attr: Attribute;
  value: JsonValue | undefined;
  /** Accessible name, e.g. "name of Customer". */
  label: string;
  disabled: boolean;
  /** A conformance problem on this value (marks the field). */
  problem?: string;
  onChange(value: JsonValue | undefined): void;
}

export function ValueInput(props: ValueInputProps) {
  return props.attr.many ? <ListInput {...props} /> : <SingleInput {...props} />;
}

/** A field whose text is the value: shows the document's value unless the user's draft differs. */
function useDraft(display: string, label: string, parse: (text: string) => Parsed, onChange: (v: JsonValue | undefined) => void, commitOnBlur: boolean) {
  const [draft, setDraft] = useState<string | null>(null);
  // The field keeps its name while it has focus: typing an object's name would otherwise rename the field mid-edit.
  const [focusLabel, setFocusLabel] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apply = (text: string) => {
    const parsed = parse(text);
    if (parsed.ok) {
      setError(null);
      onChange(parsed.value);
      return true;
    }
    setError(parsed.error);
    return false;
  };
  return {
    text: draft ?? display,
    label: focusLabel ?? label,
    error,
    onFocus: () => {
      // An invalid draft left in the field stays; else start from the document's value.
      setDraft((d) => d ?? display);
      setFocusLabel(label);
    },
    onChange: (text: string, badInput = false) => {
      setDraft(text);
      if (badInput) setError("Enter a number.");
      else if (!commitOnBlur) apply(text);
      else setError(null);
    },
    onBlur: () => {
      setFocusLabel(null);
      // A value that did not parse stays in the field (marked) rather than being lost.
      if (draft !== null && (commitOnBlur ? apply(draft) : error === null)) setDraft(null);
    },
    revert: () => {
      setDraft(null);
      setError(null);
    },
    commit: () => (draft !== null ? apply(draft) : true),
  };
}

function ErrorText({ id, text }: { id: string; text: string | null }) {
  if (!text) return null;
  return (
    <p id={id} role="alert" className="mt-0.5 px-2 text-[11px] leading-tight text-danger">
      {text}
    </p>
  );
}

function SingleInput({ mm, attr, value, label, disabled, problem, onChange }: ValueInputProps) {
  const errorId = useId();
  const fits = fitsInput(attr, value);
  const kind = !fits ? "raw" : attr.type;
  const display = formatValue(attr, value);
  const draft = useDraft(display, label, (text) => parseValue(attr, text, kind === "raw"), onChange, attr.type === "json");

  if (kind === "bool") {
    const checked = value === true || (value === undefined && attr.default === true);
    return (
      <span className="flex h-8 items-center px-2" title={problem}>
        <input
          type="checkbox"
          aria-label={label}
          checked={checked}
          disabled={disabled}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => onChange(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
      </span>
    );
  }

  if (kind === "enum") {
    const literals = enumLiterals(mm, attr.enumId);
    const known = typeof value === "string" && literals?.nameById.has(value);
    return (
      <SelectCell
        aria-label={label}
        title={problem}
        disabled={disabled}
        aria-invalid={problem ? true : undefined}
        className={cn(value === undefined && "text-muted-foreground")}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
      >
        <option value="">{attr.default !== undefined && attr.default !== null ? `— (default ${String(attr.default)})` : "—"}</option>
        {typeof value === "string" && !known ? <option value={value}>{showValue(mm, attr, value)}</option> : null}
        {[...(literals?.nameById ?? [])].map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </SelectCell>
    );
  }

  const invalid = Boolean(draft.error || problem) || undefined;
  const common = {
    "aria-label": draft.label,
    "aria-invalid": invalid,
    "aria-describedby": draft.error ? errorId : undefined,
    title: draft.error ?? problem,
    disabled,
    value: draft.text,
    onFocus: draft.onFocus,
    onBlur: draft.onBlur,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === "Escape") {
        draft.revert();
        e.currentTarget.blur();
      } else if (e.key === "Enter" && (attr.type !== "text" && attr.type !== "json" ? true : e.metaKey || e.ctrlKey)) {
        e.preventDefault();
        if (draft.commit()) e.currentTarget.blur();
      }
    },
  };

  if (kind === "text" || kind === "json") {
    return (
      <div>
        <textarea
          {...common}
          rows={1}
          placeholder={kind === "json" ? "JSON" : undefined}
          spellCheck={kind === "text"}
          onChange={(e) => draft.onChange(e.target.value)}
          className={cn(cellInput, "block max-h-20 min-h-8 resize-none overflow-y-auto leading-snug field-sizing-content focus:max-h-64 focus:min-h-20", kind === "json" && "font-mono text-[12px]")}
        />
        <ErrorText id={errorId} text={draft.error} />
      </div>
    );
  }

  const typed =
    kind === "int" || kind === "float"
      ? { type: "number", step: kind === "int" ? 1 : "any", inputMode: kind === "int" ? ("numeric" as const) : ("decimal" as const) }
      : kind === "date"
        ? { type: "date" }
        : kind === "datetime"
          ? { type: "datetime-local", step: 1 }
          : { type: "text" };
  return (
    <div>
      <input
        {...common}
        {...typed}
        placeholder={kind === "uuid" ? "00000000-0000-…" : kind === "raw" ? attr.type : undefined}
        spellCheck={false}
        onChange={(e) => draft.onChange(e.target.value, e.target.validity.badInput)}
        className={cn(cellInput, "h-8", (kind === "int" || kind === "float") && "tabular-nums", (kind === "uuid" || kind === "raw") && "font-mono text-[12px]")}
      />
      <ErrorText id={errorId} text={draft.error} />
    </div>
  );
}

/** A `many` attribute: its values as chips, each removable, and a field to add one. */
function ListInput({ mm, attr, value, label, disabled, problem, onChange }: ValueInputProps) {
  const errorId = useId();
  const values: JsonValue[] = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const set = (next: JsonValue[]) => onChange(next.length ? next : undefined);
  const add = (raw: string) => {
    const parsed = parseValue(attr, raw);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    if (parsed.value === undefined) return;
    set([...values, parsed.value]);
    setText("");
  };
  const literals = attr.type === "enum" ? enumLiterals(mm, attr.enumId) : undefined;

  return (
    <div role="group" aria-label={label} title={problem} className={cn("flex min-h-8 flex-wrap items-center gap-1 rounded-md px-1 py-1", problem && "bg-danger-soft/40 ring-1 ring-danger/50")}>
      {values.map((v, i) => {
        const shown = showValue(mm, attr, v);
        return (
          <span key={`${i}-${JSON.stringify(v)}`} className="inline-flex max-w-48 items-center gap-0.5 rounded bg-surface-muted py-0.5 pl-1.5 pr-0.5 text-[12px]">
            <span className="truncate">{shown}</span>
            {disabled ? null : (
              <button
                type="button"
                aria-label={`Remove ${shown} from ${label}`}
                className="rounded p-0.5 text-muted-foreground hover:bg-surface hover:text-danger"
                onClick={() => set(values.filter((_, j) => j !== i))}
              >
                <XIcon className="size-3" />
              </button>
            )}
          </span>
        );
      })}
      {disabled ? (
        values.length === 0 ? <span className="px-1 text-[12px] text-muted-foreground">—</span> : null
      ) : literals || attr.type === "bool" ? (
        <select
          aria-label={`Add to ${label}`}
          className={cn(cellInput, "h-6 w-auto py-0 text-[12px] text-muted-foreground")}
          value=""
          onChange={(e) => e.target.value !== "" && set([...values, attr.type === "bool" ? e.target.value === "true" : e.target.value])}
        >
          <option value="">Add…</option>
          {literals ? (
            [...literals.nameById].map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))
          ) : (
            <>
              <option value="true">true</option>
              <option value="false">false</option>
            </>
          )}
        </select>
      ) : (
        <span className="inline-flex min-w-24 flex-1 items-center">
          <input
            aria-label={`Add to ${label}`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            type={attr.type === "int" || attr.type === "float" ? "number" : attr.type === "date" ? "date" : attr.type === "datetime" ? "datetime-local" : "text"}
            step={attr.type === "int" ? 1 : attr.type === "float" ? "any" : attr.type === "datetime" ? 1 : undefined}
            placeholder="Add…"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                add(text);
              } else if (e.key === "Escape") {
                setText("");
                setError(null);
                e.currentTarget.blur();
              }
            }}
            className={cn(cellInput, "h-6 py-0 text-[12px]", attr.type === "json" && "font-mono")}
          />
          {text ? (
            <button type="button" aria-label={`Add ${text} to ${label}`} className="rounded p-1 text-muted-foreground hover:bg-surface-muted hover:text-foreground" onClick={() => add(text)}>
              <PlusIcon className="size-3.5" />
            </button>
          ) : null}
        </span>
      )}
      <ErrorText id={errorId} text={error} />
    </div>
  );
}
