CREATE TABLE "meet_asks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partnership_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"sent_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partnerships" ADD COLUMN "met_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meet_asks" ADD CONSTRAINT "meet_asks_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meet_asks" ADD CONSTRAINT "meet_asks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meet_asks_round" ON "meet_asks" USING btree ("partnership_id","person_id","round");--> statement-breakpoint
CREATE INDEX "meet_asks_due" ON "meet_asks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "meet_asks_person" ON "meet_asks" USING btree ("person_id");--> statement-breakpoint
-- hand-written
-- Partnerships made from an intro in the last two weeks get their "Did you meet?" asks, a week after the intro;
-- older ones are not asked out of the blue.
INSERT INTO "meet_asks" ("partnership_id", "person_id", "round", "due_at")
SELECT p."id", m."person_id", 1, p."created_at" + interval '7 days'
FROM "partnerships" p JOIN "partnership_members" m ON m."partnership_id" = p."id"
WHERE p."intro_id" IS NOT NULL AND p."status" = 'active' AND p."created_at" > now() - interval '14 days'
ON CONFLICT DO NOTHING;
