"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { Placement } from "./model-info";

/** Asks where a new object goes, when its class lives in containers. */
export function AddObjectDialog({
  request,
  onCancel,
  onAdd,
}: {
  request: { className: string; options: Array<Placement & { label: string }>; initial: string } | null;
  onCancel(): void;
  onAdd(to: Placement | null): void;
}) {
  return (
    <Dialog open={request !== null} onOpenChange={(o) => !o && onCancel()}>
      {request ? <AddObjectForm key={`${request.className}-${request.initial}`} request={request} onCancel={onCancel} onAdd={onAdd} /> : null}
    </Dialog>
  );
}

const TOP = "top";
const encode = (p: Placement) => `${p.container}|${p.refId}`;

function AddObjectForm({
  request,
  onCancel,
  onAdd,
}: {
  request: { className: string; options: Array<Placement & { label: string }>; initial: string };
  onCancel(): void;
  onAdd(to: Placement | null): void;
}) {
  const [choice, setChoice] = useState(request.initial);
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const picked = request.options.find((o) => encode(o) === choice);
    onAdd(picked ? { container: picked.container, refId: picked.refId } : null);
  }
  return (
    <DialogContent title={`New ${request.className}`} description={`${request.className} objects live inside other objects. Pick where this one goes.`}>
      <form onSubmit={onSubmit} className="grid gap-4">
        <Field label="Add it to" htmlFor="new-object-container">
          <select
            id="new-object-container"
            autoFocus
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            className="h-9 w-full rounded-md border bg-surface px-3 text-sm shadow-xs focus-visible:border-ring focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-ring/20"
          >
            {request.options.map((o) => (
              <option key={encode(o)} value={encode(o)}>
                {o.label}
              </option>
            ))}
            <option value={TOP}>Top level (not contained)</option>
          </select>
        </Field>
        <DialogFooter>
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit">Add {request.className}</Button>
        </DialogFooter>
      </form>
    </DialogContent>
  );
}

export interface DeleteRequest {
  ids: string[];
  /** Labels of what the selection contains ("Field “email”"), deleted with it. */
  contained: string[];
  /** Objects outside the selection that link to something deleted. */
  linkedFrom: number;
  title: string;
}

/** Confirms a delete that takes contained objects with it. */
export function DeleteObjectsDialog({ request, onCancel, onConfirm }: { request: DeleteRequest | null; onCancel(): void; onConfirm(ids: string[]): void }) {
  const shown = request?.contained.slice(0, 12) ?? [];
  return (
    <Dialog open={request !== null} onOpenChange={(o) => !o && onCancel()}>
      {request ? (
        <DialogContent title={request.title} description="Everything inside is deleted too. You can undo it with Ctrl+Z (⌘Z).">
          <div className="grid gap-3 text-sm">
            <div>
              <p className="mb-1.5 font-medium">
                Also deleted: {request.contained.length} contained {request.contained.length === 1 ? "object" : "objects"}
              </p>
              <ul className="max-h-52 overflow-y-auto rounded-md border bg-surface-muted/50 px-3 py-2 text-[13px]" aria-label="Contained objects">
                {shown.map((t, i) => (
                  <li key={`${t}-${i}`} className="truncate py-0.5">
                    {t}
                  </li>
                ))}
                {request.contained.length > shown.length ? <li className="py-0.5 text-muted-foreground">and {request.contained.length - shown.length} more</li> : null}
              </ul>
            </div>
            {request.linkedFrom ? (
              <p className="text-muted-foreground">
                Links to them from {request.linkedFrom} other {request.linkedFrom === 1 ? "object" : "objects"} are removed as well.
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="button" variant="danger" autoFocus onClick={() => onConfirm(request.ids)}>
              Delete {request.ids.length + request.contained.length} objects
            </Button>
          </DialogFooter>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
