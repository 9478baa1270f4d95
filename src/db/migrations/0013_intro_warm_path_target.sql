ALTER TABLE "intros" ADD COLUMN "target_id" uuid;--> statement-breakpoint
ALTER TABLE "intros" ADD COLUMN "introduced_by" uuid;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_target_id_people_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_introduced_by_people_id_fk" FOREIGN KEY ("introduced_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;