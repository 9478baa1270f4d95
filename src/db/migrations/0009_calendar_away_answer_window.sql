CREATE TABLE "person_away" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text,
	"source" text DEFAULT 'command' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_away_reason_length" CHECK (char_length("person_away"."reason") <= 200),
	CONSTRAINT "person_away_order" CHECK ("person_away"."from_date" <= "person_away"."to_date")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "country" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "region" text;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "answer_days" integer[] DEFAULT '{1,2,3,4,5}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "answer_start_hour" integer DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "answer_end_hour" integer DEFAULT 17 NOT NULL;--> statement-breakpoint
ALTER TABLE "person_away" ADD CONSTRAINT "person_away_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "person_away_person" ON "person_away" USING btree ("person_id","to_date");