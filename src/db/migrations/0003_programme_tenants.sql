CREATE TABLE "programme_tenants" (
	"programme_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"tenant_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_tenants_programme_id_platform_tenant_id_pk" PRIMARY KEY("programme_id","platform","tenant_id")
);
--> statement-breakpoint
ALTER TABLE "programme_tenants" ADD CONSTRAINT "programme_tenants_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;