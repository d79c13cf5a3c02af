import { PageContainer } from "@/components/ui/misc";
import { notFound } from "next/navigation";
import { projectIdSchema } from "@/core/project/schemas";
import { ProjectPage } from "@/components/projects/project-page";

export default async function Page({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  if (!projectIdSchema.safeParse(projectId).success) notFound();
  return (
    <PageContainer>
      <ProjectPage projectId={projectId} />
    </PageContainer>
  );
}
