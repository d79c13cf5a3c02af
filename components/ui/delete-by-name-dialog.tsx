"use client";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { toUiError } from "@/lib/errors";

/**
 * "Type the name to confirm" before deleting something for everyone. `onDelete` receives what was
 * typed (the server checks it too); a refusal is shown under the field.
 */
export function DeleteByNameDialog(props: {
  /** What is being deleted, or null when the dialog is closed. */
  name: string | null;
  description: ReactNode;
  actionLabel: string;
  pending: boolean;
  onDelete(typed: string): Promise<void>;
  onClose(): void;
}) {
  const { name } = props;
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const close = () => {
    setTyped("");
    setError(undefined);
    props.onClose();
  };
  return (
    <Dialog open={name !== null} onOpenChange={(o) => !o && close()}>
      {name !== null ? (
        <DialogContent title={`Delete ${name}?`} description={props.description}>
          <form
            className="grid gap-4"
            onSubmit={async (e) => {
              e.preventDefault();
              try {
                await props.onDelete(typed);
                close();
              } catch (err) {
                const ui = toUiError(err);
                setError(ui.fieldErrors.confirmName?.[0] ?? ui.message);
              }
            }}
          >
            <Field label={<>Type <span className="font-mono">{name}</span> to confirm</>} htmlFor="delete-confirm" error={error}>
              <Input id="delete-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus aria-invalid={!!error} />
            </Field>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={typed.trim() !== name} loading={props.pending}>
                {props.actionLabel}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
