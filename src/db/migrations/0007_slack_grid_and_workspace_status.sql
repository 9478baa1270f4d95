CREATE TABLE "chat_workspace_status" (
	"platform" text NOT NULL,
	"tenant_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_workspace_status_platform_tenant_id_pk" PRIMARY KEY("platform","tenant_id")
);
--> statement-breakpoint
ALTER TABLE "chat_identities" ADD COLUMN "organisation_id" text;--> statement-breakpoint
CREATE INDEX "chat_identities_organisation_user" ON "chat_identities" USING btree ("platform","organisation_id","user_id");