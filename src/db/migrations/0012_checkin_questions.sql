CREATE TABLE "checkin_questions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"programme_id" uuid,
	"partnership_id" uuid,
	"question" text,
	"choices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"free_text_question" text,
	"set_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkin_questions_one_scope" CHECK (("checkin_questions"."programme_id" is null) <> ("checkin_questions"."partnership_id" is null)),
	CONSTRAINT "checkin_questions_choices" CHECK (jsonb_array_length("checkin_questions"."choices") <= 3),
	CONSTRAINT "checkin_questions_question_length" CHECK (char_length("checkin_questions"."question") <= 150),
	CONSTRAINT "checkin_questions_free_text_length" CHECK (char_length("checkin_questions"."free_text_question") <= 150)
);
--> statement-breakpoint
ALTER TABLE "checkin_prompts" ADD COLUMN "choice" text;--> statement-breakpoint
ALTER TABLE "checkin_prompts" ADD COLUMN "question_id" bigint;--> statement-breakpoint
ALTER TABLE "checkin_questions" ADD CONSTRAINT "checkin_questions_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_questions" ADD CONSTRAINT "checkin_questions_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_questions" ADD CONSTRAINT "checkin_questions_set_by_people_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "checkin_questions_partnership" ON "checkin_questions" USING btree ("partnership_id","id");--> statement-breakpoint
CREATE INDEX "checkin_questions_programme" ON "checkin_questions" USING btree ("programme_id","id");--> statement-breakpoint
ALTER TABLE "checkin_prompts" ADD CONSTRAINT "checkin_prompts_question_id_checkin_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."checkin_questions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_prompts" ADD CONSTRAINT "checkin_prompts_choice_length" CHECK (char_length("checkin_prompts"."choice") <= 75);