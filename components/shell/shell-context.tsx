"use client";
import { createContext, useContext, useEffect, type ReactNode } from "react";
import type { Role } from "@/core/workspace/roles";

export interface ShellWorkspace {
  id: string;
  name: string;
  slug: string;
  role: Role;
}

export interface Crumb {
  label: string;
  href?: string;
}

export interface ShellState {
  workspace: ShellWorkspace;
  user: { id: string; name: string; email: string };
  openCreateProject(): void;
  openCreateWorkspace(): void;
  openCommandPalette(): void;
  openShortcuts(): void;
  setCrumbs(crumbs: Crumb[]): void;
}

const ShellContext = createContext<ShellState | null>(null);

export function ShellProvider({ value, children }: { value: ShellState; children: ReactNode }) {
  return <ShellContext.Provider value={value}>{children}</ShellContext.Provider>;
}

export function useShell(): ShellState {
  const value = useContext(ShellContext);
  if (!value) throw new Error("useShell must be used inside the workspace shell");
  return value;
}

/** Sets the top bar's breadcrumbs for the current page. */
export function useCrumbs(crumbs: Crumb[]) {
  const { setCrumbs } = useShell();
  const key = JSON.stringify(crumbs);
  useEffect(() => {
    setCrumbs(JSON.parse(key) as Crumb[]);
  }, [key, setCrumbs]);
}
