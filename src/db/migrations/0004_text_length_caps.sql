ALTER TABLE "checkin_prompts" ADD CONSTRAINT "checkin_prompts_note_length" CHECK (char_length("checkin_prompts"."note") <= 500);--> statement-breakpoint
ALTER TABLE "find_requests" ADD CONSTRAINT "find_requests_need_length" CHECK (char_length("find_requests"."need") <= 1000);--> statement-breakpoint
ALTER TABLE "intros" ADD CONSTRAINT "intros_need_length" CHECK (char_length("intros"."need") <= 1000);--> statement-breakpoint
ALTER TABLE "mentor_meetings" ADD CONSTRAINT "mentor_meetings_next_step_length" CHECK (char_length("mentor_meetings"."next_step") <= 500);--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_title_length" CHECK (char_length("milestones"."title") <= 150);