import { PageContainer } from "@/components/ui/misc";
import type { Metadata } from "next";
import { Suspense } from "react";
import { MembersPage } from "@/components/members/members-page";

export const metadata: Metadata = { title: "Members" };

export default function Page() {
  return (
    <PageContainer>
      <Suspense>
        <MembersPage />
      </Suspense>
    </PageContainer>
  );
}
