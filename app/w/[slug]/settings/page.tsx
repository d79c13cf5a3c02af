import type { Metadata } from "next";
import { SettingsPage } from "@/components/workspace/settings-page";

export const metadata: Metadata = { title: "Workspace settings" };

export default function Page() {
  return <SettingsPage />;
}
