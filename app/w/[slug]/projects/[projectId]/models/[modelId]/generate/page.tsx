import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { modelIdSchema } from "@/core/model/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { GeneratePage } from "@/components/generation/generate-page";

export const metadata: Metadata = { title: "Generate" };

export default async function Page({ params }: { params: Promise<{ projectId: string; modelId: string }> }) {
  const { projectId, modelId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !modelIdSchema.safeParse(modelId).success) notFound();
  return (
    <Suspense>
      <GeneratePage projectId={projectId} modelId={modelId} />
    </Suspense>
  );
}
