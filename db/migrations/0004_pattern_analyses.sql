CREATE TABLE "pattern_analysis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"source_kind" text NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"phase" text,
	"progress_done" integer DEFAULT 0 NOT NULL,
	"progress_total" integer DEFAULT 0 NOT NULL,
	"error" text,
	"file_count" integer DEFAULT 0 NOT NULL,
	"total_bytes" integer DEFAULT 0 NOT NULL,
	"ignored" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result_options" jsonb,
	"files" jsonb,
	"summary" jsonb,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "pattern_analysis_file" (
	"analysis_id" uuid NOT NULL,
	"path" text NOT NULL,
	"hash" text NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "pattern_analysis_file_analysis_id_path_pk" PRIMARY KEY("analysis_id","path")
);
--> statement-breakpoint
CREATE TABLE "pattern_group" (
	"analysis_id" uuid NOT NULL,
	"group_id" text NOT NULL,
	"rank" integer NOT NULL,
	"data" jsonb NOT NULL,
	"promoted" jsonb,
	CONSTRAINT "pattern_group_analysis_id_group_id_pk" PRIMARY KEY("analysis_id","group_id")
);
--> statement-breakpoint
ALTER TABLE "pattern_analysis" ADD CONSTRAINT "pattern_analysis_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pattern_analysis" ADD CONSTRAINT "pattern_analysis_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pattern_analysis" ADD CONSTRAINT "pattern_analysis_created_by_id_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pattern_analysis_file" ADD CONSTRAINT "pattern_analysis_file_analysis_id_pattern_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."pattern_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pattern_group" ADD CONSTRAINT "pattern_group_analysis_id_pattern_analysis_id_fk" FOREIGN KEY ("analysis_id") REFERENCES "public"."pattern_analysis"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pattern_analysis_project_idx" ON "pattern_analysis" USING btree ("workspace_id","project_id","created_at");