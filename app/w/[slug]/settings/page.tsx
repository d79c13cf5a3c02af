import { PageContainer } from "@/components/ui/misc";
import type { Metadata } from "next";
import { SettingsPage } from "@/components/workspace/settings-page";

export const metadata: Metadata = { title: "Workspace settings" };

export default function Page() {
  return (
    <PageContainer>
      <SettingsPage />
    </PageContainer>
  );
}
