CREATE TABLE "button_presses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"prompt_key" text NOT NULL,
	"action_id" text NOT NULL,
	"pressed" text NOT NULL,
	"person_id" uuid,
	"pressed_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "button_presses_outcome_length" CHECK (char_length("button_presses"."outcome") <= 200)
);
--> statement-breakpoint
ALTER TABLE "button_presses" ADD CONSTRAINT "button_presses_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "button_presses_prompt_action" ON "button_presses" USING btree ("prompt_key","action_id");