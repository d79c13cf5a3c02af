"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, CopyIcon } from "lucide-react";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { assignableRoles, ROLE_INFO, type Role } from "@/core/workspace/roles";
import { createInvitationInput } from "@/core/workspace/schemas";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useShell } from "@/components/shell/shell-context";
import { toUiError } from "@/lib/errors";
import { useTRPC } from "@/lib/trpc";

export function CopyButton({ text, label = "Copy link" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      size="sm"
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          toast.error("Could not copy. Select the link and copy it by hand.");
        }
      }}
    >
      {copied ? <CheckIcon /> : <CopyIcon />}
      {copied ? "Copied" : label}
    </Button>
  );
}

export function InviteDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { workspace } = useShell();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roles = assignableRoles(workspace.role);
  const [role, setRole] = useState<Role>("editor");
  const [days, setDays] = useState("7");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [link, setLink] = useState<string | null>(null);
  const create = useMutation(trpc.invitation.create.mutationOptions());

  function reset() {
    setLink(null);
    setErrors({});
    setRole("editor");
    setDays("7");
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const parsed = createInvitationInput.safeParse({ role, email: email || undefined, expiresInDays: Number(days) });
    if (!parsed.success) {
      setErrors({ email: z.flattenError(parsed.error).fieldErrors.email?.[0] });
      return;
    }
    try {
      const invitation = await create.mutateAsync({ workspaceId: workspace.id, ...parsed.data });
      setLink(invitation.url.replace(/^https?:\/\/[^/]+/, window.location.origin));
      await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
    } catch (error) {
      const ui = toUiError(error);
      setErrors({ email: ui.fieldErrors.email?.[0], role: ui.fieldErrors.role?.[0] });
      if (!ui.fieldErrors.email && !ui.fieldErrors.role) toast.error(ui.message);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (o ? null : reset(), onOpenChange(o))}>
      <DialogContent
        title={link ? "Invitation link ready" : `Invite people to ${workspace.name}`}
        description={
          link
            ? "Send this link to the person you invite. It works once, and is also printed in the server log."
            : "Create a link that adds one person to this workspace with the role you choose."
        }
      >
        {link ? (
          <div className="grid gap-4">
            <div className="flex items-center gap-2">
              <Input readOnly value={link} aria-label="Invitation link" onFocus={(e) => e.currentTarget.select()} className="font-mono text-xs" />
              <CopyButton text={link} label="Copy" />
            </div>
            <DialogFooter>
              <Button variant="ghost" onClick={() => setLink(null)}>
                Create another
              </Button>
              <Button onClick={() => (reset(), onOpenChange(false))}>Done</Button>
            </DialogFooter>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="grid gap-4" noValidate>
            <Field label="Role" htmlFor="invite-role" error={errors.role}>
              <Select value={role} onValueChange={(v) => setRole(v as Role)}>
                <SelectTrigger id="invite-role" aria-label="Role">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {roles.map((r) => (
                    <SelectItem key={r} value={r} description={ROLE_INFO[r].description}>
                      {ROLE_INFO[r].label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
            <Field
              label="Email (optional)"
              htmlFor="invite-email"
              error={errors.email}
              hint="Only someone signed in with this email can accept. Leave empty for a link anyone can use once."
            >
              <Input id="invite-email" name="email" type="email" placeholder="teammate@company.com" aria-invalid={!!errors.email} />
            </Field>
            <Field label="Expires after" htmlFor="invite-days">
              <Select value={days} onValueChange={setDays}>
                <SelectTrigger id="invite-days" aria-label="Expires after">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="1">1 day</SelectItem>
                  <SelectItem value="7">7 days</SelectItem>
                  <SelectItem value="30">30 days</SelectItem>
                </SelectContent>
              </Select>
            </Field>
            <DialogFooter>
              <Button type="button" variant="ghost" onClick={() => onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create invitation link
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
