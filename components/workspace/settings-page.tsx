"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { can } from "@/core/workspace/roles";
import { updateWorkspaceInput } from "@/core/workspace/schemas";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/misc";
import { useCrumbs, useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

function Section({ title, description, children, danger }: { title: string; description: string; children: React.ReactNode; danger?: boolean }) {
  return (
    <section className={`rounded-xl border bg-surface p-6 ${danger ? "border-danger/40" : ""}`}>
      <h2 className={`text-sm font-semibold ${danger ? "text-danger" : ""}`}>{title}</h2>
      <p className="mb-5 mt-1 text-sm text-muted-foreground">{description}</p>
      {children}
    </section>
  );
}

export function SettingsPage() {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [confirm, setConfirm] = useState<null | "leave" | "delete">(null);
  const [typed, setTyped] = useState("");
  const update = useMutation(trpc.workspace.update.mutationOptions());
  const leave = useMutation(trpc.workspace.leave.mutationOptions());
  const remove = useMutation(trpc.workspace.delete.mutationOptions());
  const canUpdate = can(workspace.role, "workspace:update");
  const canDelete = can(workspace.role, "workspace:delete");
  useCrumbs([{ label: "Settings" }]);

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = updateWorkspaceInput.safeParse({ name: form.get("name"), slug: form.get("slug") });
    if (!parsed.success) {
      const fields = z.flattenError(parsed.error).fieldErrors;
      setErrors({ name: fields.name?.[0], slug: fields.slug?.[0] });
      return;
    }
    try {
      const saved = await update.mutateAsync({ workspaceId: workspace.id, ...parsed.data });
      setErrors({});
      await queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() });
      toast.success("Workspace saved");
      if (saved.slug !== workspace.slug) router.replace(`/w/${saved.slug}/settings`);
      router.refresh();
    } catch (error) {
      const ui = toUiError(error);
      setErrors({ name: ui.fieldErrors.name?.[0], slug: ui.fieldErrors.slug?.[0] });
      if (!ui.fieldErrors.name && !ui.fieldErrors.slug) toast.error(ui.message);
    }
  }

  async function afterExit(message: string) {
    toast.success(message);
    await queryClient.invalidateQueries({ queryKey: trpc.workspace.list.queryKey() });
    router.replace("/");
    router.refresh();
  }

  return (
    <>
      <PageHeader title="Workspace settings" description="The workspace's name and address, and leaving or deleting it." />
      <div className="grid gap-6">
        <Section title="General" description={canUpdate ? "Renaming changes the workspace's URL only if you edit it." : "Only admins and owners can change these."}>
          <form onSubmit={onSave} className="grid max-w-md gap-4" noValidate>
            <Field label="Name" htmlFor="ws-settings-name" error={errors.name}>
              <Input id="ws-settings-name" name="name" defaultValue={workspace.name} disabled={!canUpdate} aria-invalid={!!errors.name} />
            </Field>
            <Field label="URL name" htmlFor="ws-settings-slug" error={errors.slug} hint={`Links look like /w/${workspace.slug}`}>
              <Input id="ws-settings-slug" name="slug" defaultValue={workspace.slug} disabled={!canUpdate} aria-invalid={!!errors.slug} />
            </Field>
            {canUpdate ? (
              <div>
                <Button type="submit" loading={update.isPending}>
                  Save changes
                </Button>
              </div>
            ) : null}
          </form>
        </Section>
        <Section title="Leave workspace" description="You lose access to its projects. Someone must invite you to come back.">
          <Button variant="secondary" onClick={() => setConfirm("leave")}>
            Leave {workspace.name}
          </Button>
        </Section>
        {canDelete ? (
          <Section danger title="Delete workspace" description="Deletes the workspace, its members' access and every project in it. This cannot be undone.">
            <Button variant="danger" onClick={() => setConfirm("delete")}>
              Delete workspace...
            </Button>
          </Section>
        ) : null}
      </div>

      <Dialog open={confirm === "leave"} onOpenChange={(o) => !o && setConfirm(null)}>
        <DialogContent title={`Leave ${workspace.name}?`} description="You will no longer see its projects.">
          <DialogFooter>
            <Button variant="ghost" onClick={() => setConfirm(null)}>
              Stay
            </Button>
            <Button
              variant="danger"
              loading={leave.isPending}
              onClick={async () => {
                try {
                  await leave.mutateAsync({ workspaceId: workspace.id });
                  setConfirm(null);
                  await afterExit(`You left ${workspace.name}`);
                } catch (error) {
                  toast.error(toUiError(error).message);
                }
              }}
            >
              Leave workspace
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Dialog open={confirm === "delete"} onOpenChange={(o) => (setTyped(""), !o && setConfirm(null))}>
        <DialogContent title={`Delete ${workspace.name}?`} description="Every project in it is deleted for everyone. This cannot be undone.">
          <form
            className="grid gap-4"
            onSubmit={async (e) => {
              e.preventDefault();
              try {
                await remove.mutateAsync({ workspaceId: workspace.id, confirmName: typed });
                setConfirm(null);
                await afterExit(`Deleted ${workspace.name}`);
              } catch (error) {
                toast.error(toUiError(error).message);
              }
            }}
          >
            <Field label={<>Type <span className="font-mono">{workspace.name}</span> to confirm</>} htmlFor="ws-confirm">
              <Input id="ws-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
            </Field>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
              <Button type="submit" variant="danger" disabled={typed.trim() !== workspace.name} loading={remove.isPending}>
                Delete workspace
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </>
  );
}
