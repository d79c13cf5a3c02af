CREATE TABLE "metamodel_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"metamodel_id" uuid NOT NULL,
	"version" text NOT NULL,
	"changelog" text DEFAULT '' NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "model" ADD COLUMN "metamodel_version" text DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "metamodel_version" ADD CONSTRAINT "metamodel_version_workspace_id_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspace"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metamodel_version" ADD CONSTRAINT "metamodel_version_metamodel_id_metamodel_id_fk" FOREIGN KEY ("metamodel_id") REFERENCES "public"."metamodel"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metamodel_version" ADD CONSTRAINT "metamodel_version_created_by_id_user_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "metamodel_version_unique" ON "metamodel_version" USING btree ("metamodel_id","version");