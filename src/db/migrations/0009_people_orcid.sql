ALTER TABLE "people" ADD COLUMN "orcid" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "publications_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "people_orcid" ON "people" USING btree ("orcid");