CREATE TABLE "find_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"requester_id" uuid NOT NULL,
	"need" text NOT NULL,
	"candidate_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "find_requests" ADD CONSTRAINT "find_requests_requester_id_people_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "find_requests_created" ON "find_requests" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "intros_pending_pair" ON "intros" USING btree ("requester_id","candidate_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "people_updated_at" ON "people" USING btree ("updated_at");