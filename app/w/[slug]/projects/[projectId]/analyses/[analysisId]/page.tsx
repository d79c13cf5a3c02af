import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { analysisIdSchema } from "@/core/patterns/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { AnalysisPage } from "@/components/patterns/analysis-page";

export const metadata: Metadata = { title: "Analysis" };

export default async function Page({ params }: { params: Promise<{ projectId: string; analysisId: string }> }) {
  const { projectId, analysisId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !analysisIdSchema.safeParse(analysisId).success) notFound();
  return (
    <Suspense>
      <AnalysisPage projectId={projectId} analysisId={analysisId} />
    </Suspense>
  );
}
