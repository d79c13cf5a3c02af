"use client";
import { Compartment, EditorState, Prec, RangeSetBuilder, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, GutterMarker, WidgetType, gutter, keymap, type DecorationSet } from "@codemirror/view";
import { basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import type { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { cn } from "@/lib/utils";
import { liquid } from "./liquid-language";

/**
 * A CodeMirror 6 editor bound to one Y.Text with y-codemirror.next: live co-editing, remote cursors
 * and selections (from awareness), per-text undo (y-codemirror's own Y.UndoManager; never the
 * template's structural one), Liquid highlighting, and problem markers (line/column + message).
 * The view is rebuilt when the Y.Text changes (another file, or the same file brought back by an undo).
 */

export interface EditorProblem {
  line: number;
  column: number;
  message: string;
}


// --- problem markers -----------------------------------------------------------------------------------

const setProblems = StateEffect.define<EditorProblem[]>();

class ProblemWidget extends WidgetType {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: ProblemWidget) {
    return other.message === this.message;
  }
  toDOM() {
    const span = document.createElement("span");
    span.className = "cm-problem-message";
    span.textContent = this.message;
    span.title = this.message;
    return span;
  }
  override ignoreEvent() {
    return true;
  }
}

class ProblemGutterMarker extends GutterMarker {
  constructor(readonly message: string) {
    super();
  }
  override eq(other: ProblemGutterMarker) {
    return other.message === this.message;
  }
  override toDOM() {
    const dot = document.createElement("span");
    dot.className = "cm-problem-dot";
    dot.title = this.message;
    dot.setAttribute("aria-label", `Problem: ${this.message}`);
    return dot;
  }
}

interface ProblemMarks {
  decorations: DecorationSet;
  gutter: ReturnType<RangeSetBuilder<GutterMarker>["finish"]>;
}

function buildMarks(state: EditorState, problems: EditorProblem[]): ProblemMarks {
  const doc = state.doc;
  const byLine = new Map<number, EditorProblem[]>();
  for (const p of problems) {
    const line = Math.min(Math.max(1, p.line), doc.lines);
    byLine.set(line, [...(byLine.get(line) ?? []), p]);
  }
  const decos: Array<{ from: number; to: number; deco: Decoration }> = [];
  const gutterBuilder = new RangeSetBuilder<GutterMarker>();
  for (const lineNo of [...byLine.keys()].sort((a, b) => a - b)) {
    const line = doc.line(lineNo);
    const list = byLine.get(lineNo)!;
    const message = list.map((p) => p.message).join(" · ");
    decos.push({ from: line.from, to: line.from, deco: Decoration.line({ class: "cm-problem-line" }) });
    for (const p of list) {
      const from = Math.min(line.from + Math.max(0, p.column - 1), line.to);
      // Underline the token at the column (up to the next space), at least one character.
      const rest = doc.sliceString(from, line.to);
      const length = Math.max(1, /^\S*/.exec(rest)?.[0].length ?? 1);
      const to = Math.min(from + length, line.to);
      if (to > from) decos.push({ from, to, deco: Decoration.mark({ class: "cm-problem", attributes: { title: p.message } }) });
    }
    decos.push({ from: line.to, to: line.to, deco: Decoration.widget({ widget: new ProblemWidget(message), side: 1 }) });
    gutterBuilder.add(line.from, line.from, new ProblemGutterMarker(message));
  }
  decos.sort((a, b) => a.from - b.from || a.deco.startSide - b.deco.startSide);
  return { decorations: Decoration.set(decos.map((d) => d.deco.range(d.from, d.to)), true), gutter: gutterBuilder.finish() };
}

const problemField = StateField.define<ProblemMarks>({
  create: () => ({ decorations: Decoration.none, gutter: new RangeSetBuilder<GutterMarker>().finish() }),
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setProblems)) return buildMarks(tr.state, e.value);
    if (!tr.docChanged) return value;
    return { decorations: value.decorations.map(tr.changes), gutter: value.gutter.map(tr.changes) };
  },
  provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
});

const problemGutter = gutter({
  class: "cm-problem-gutter",
  markers: (view) => view.state.field(problemField).gutter,
});

// --- theme ------------------------------------------------------------------------------------------------

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "var(--surface)", color: "var(--foreground)" },
  "&.cm-focused": { outline: "none" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", lineHeight: "1.6" },
  ".cm-content": { caretColor: "var(--foreground)", paddingBottom: "40vh" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--foreground)" },
  ".cm-gutters": { backgroundColor: "var(--surface)", color: "var(--muted-foreground)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in oklab, var(--surface-muted) 70%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--surface-muted)", color: "var(--foreground)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in oklab, var(--accent) 25%, transparent) !important",
  },
  ".cm-matchingBracket": { backgroundColor: "color-mix(in oklab, var(--accent) 20%, transparent)", outline: "none" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--surface-muted)", border: "1px solid var(--border)", color: "var(--muted-foreground)" },
  ".cm-tooltip": { backgroundColor: "var(--surface)", border: "1px solid var(--border)", borderRadius: "8px", boxShadow: "0 8px 24px rgb(0 0 0 / 0.12)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--accent-soft)", color: "var(--foreground)" },
  ".cm-panels": { backgroundColor: "var(--surface-muted)", color: "var(--foreground)" },
  ".cm-panels.cm-panels-bottom": { borderTop: "1px solid var(--border)" },
  ".cm-textfield": { backgroundColor: "var(--surface)", border: "1px solid var(--border)", borderRadius: "6px" },
  ".cm-button": { backgroundImage: "none", backgroundColor: "var(--surface)", border: "1px solid var(--border)", borderRadius: "6px" },
  ".cm-searchMatch": { backgroundColor: "color-mix(in oklab, var(--warning) 35%, transparent)" },
  ".cm-problem": { textDecoration: "underline wavy var(--danger)", textUnderlineOffset: "3px", textDecorationSkipInk: "none" },
  ".cm-problem-line": { backgroundColor: "color-mix(in oklab, var(--danger) 8%, transparent)" },
  ".cm-problem-message": {
    marginLeft: "1.5em",
    color: "var(--danger)",
    fontFamily: "var(--font-sans)",
    fontSize: "12px",
    opacity: "0.9",
    whiteSpace: "pre",
  },
  ".cm-problem-gutter": { width: "12px" },
  ".cm-problem-dot": { display: "inline-block", width: "7px", height: "7px", borderRadius: "50%", backgroundColor: "var(--danger)", marginLeft: "3px" },
  ".cm-ySelectionInfo": { fontFamily: "var(--font-sans)", borderRadius: "3px", padding: "0 4px" },
});

/** A jump request: move the cursor to line/column and scroll there (a new `key` repeats a jump). */
export interface EditorJump {
  line: number;
  column: number;
  key: number;
}

export function CodeEditor({
  ytext,
  awareness,
  readOnly,
  problems,
  jump,
  label,
  filters,
  variables,
  className,
}: {
  ytext: Y.Text;
  awareness: Awareness | null;
  readOnly: boolean;
  problems: EditorProblem[];
  jump: EditorJump | null;
  label: string;
  /** Filter names to complete after `|`. */
  filters: string[];
  /** Variable names to complete in tags (read at completion time). */
  variables: () => string[];
  className?: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const readOnlyCompartment = useRef(new Compartment());
  const latest = useRef({ problems, variables, readOnly, filters });
  useEffect(() => {
    latest.current = { problems, variables, readOnly, filters };
  });

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const undoManager = new Y.UndoManager(ytext);
    const editable = (ro: boolean): Extension => [EditorState.readOnly.of(ro), EditorView.editable.of(!ro)];
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: ytext.toString(),
        extensions: [
          Prec.high(keymap.of(yUndoManagerKeymap)),
          basicSetup,
          liquid({ filters: latest.current.filters, variables: () => latest.current.variables() }),
          yCollab(ytext, awareness, { undoManager }),
          problemField,
          problemGutter,
          theme,
          readOnlyCompartment.current.of(editable(latest.current.readOnly)),
          EditorView.contentAttributes.of({ "aria-label": label, spellcheck: "false", autocorrect: "off", autocapitalize: "off" }),
          EditorView.lineWrapping,
        ],
      }),
    });
    view.dispatch({ effects: setProblems.of(latest.current.problems) });
    viewRef.current = view;
    return () => {
      viewRef.current = null;
      view.destroy();
      undoManager.destroy();
      // This tab's caret was in this text: take it away so peers do not see a stale one.
      awareness?.setLocalStateField("cursor", null);
    };
  }, [ytext, awareness, label]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: readOnlyCompartment.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly, ytext]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: setProblems.of(problems) });
  }, [problems, ytext]);

  useEffect(() => {
    const view = viewRef.current;
    if (!view || !jump) return;
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(1, jump.line), doc.lines));
    const pos = Math.min(line.from + Math.max(0, jump.column - 1), line.to);
    view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "center" }) });
    view.focus();
  }, [jump, ytext]);

  return (
    <div
      ref={host}
      data-testid="template-editor"
      className={cn(
        "h-full min-h-0 overflow-hidden",
        "[--liquid-delim:oklch(0.55_0.2_275)] [--liquid-filter:oklch(0.55_0.15_200)] [--liquid-keyword:oklch(0.5_0.22_300)] [--liquid-number:oklch(0.6_0.16_50)] [--liquid-property:oklch(0.45_0.08_250)] [--liquid-string:oklch(0.55_0.15_150)] [--liquid-variable:oklch(0.42_0.1_250)]",
        "dark:[--liquid-delim:oklch(0.72_0.15_275)] dark:[--liquid-filter:oklch(0.78_0.12_200)] dark:[--liquid-keyword:oklch(0.75_0.16_310)] dark:[--liquid-number:oklch(0.8_0.13_60)] dark:[--liquid-property:oklch(0.82_0.06_250)] dark:[--liquid-string:oklch(0.78_0.14_150)] dark:[--liquid-variable:oklch(0.85_0.07_250)]",
        className,
      )}
    />
  );
}
