import { PlayIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { modelIdSchema } from "@/core/model/inputs";
import { projectIdSchema } from "@/core/project/schemas";
import { ModelPage } from "@/components/models/model-page";
import { buttonVariants } from "@/components/ui/button";

export const metadata: Metadata = { title: "Model" };

export default async function Page({ params }: { params: Promise<{ slug: string; projectId: string; modelId: string }> }) {
  const { slug, projectId, modelId } = await params;
  if (!projectIdSchema.safeParse(projectId).success || !modelIdSchema.safeParse(modelId).success) notFound();
  const generate = (
    <Link href={`/w/${encodeURIComponent(slug)}/projects/${projectId}/models/${modelId}/generate`} className={buttonVariants({ size: "sm" })}>
      <PlayIcon /> Generate
    </Link>
  );
  return <ModelPage projectId={projectId} modelId={modelId} generate={generate} />;
}
