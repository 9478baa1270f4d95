CREATE TABLE "publication_authors" (
	"publication_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"orcid" text,
	"person_id" uuid,
	"hidden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "publication_authors_publication_id_position_pk" PRIMARY KEY("publication_id","position")
);
--> statement-breakpoint
CREATE TABLE "publication_mesh" (
	"publication_id" uuid NOT NULL,
	"descriptor" text NOT NULL,
	"major" boolean DEFAULT false NOT NULL,
	CONSTRAINT "publication_mesh_publication_id_descriptor_pk" PRIMARY KEY("publication_id","descriptor")
);
--> statement-breakpoint
CREATE TABLE "publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pmid" text,
	"doi" text,
	"title_key" text NOT NULL,
	"title" text NOT NULL,
	"year" integer,
	"journal" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "orcid" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "publications_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publication_authors" ADD CONSTRAINT "publication_authors_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_authors" ADD CONSTRAINT "publication_authors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_mesh" ADD CONSTRAINT "publication_mesh_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "publication_authors_person" ON "publication_authors" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_pmid" ON "publications" USING btree ("pmid");--> statement-breakpoint
CREATE UNIQUE INDEX "publications_doi" ON "publications" USING btree ("doi");--> statement-breakpoint
CREATE INDEX "publications_title_key" ON "publications" USING btree ("title_key");--> statement-breakpoint
CREATE INDEX "people_orcid" ON "people" USING btree ("orcid");