CREATE TABLE "slack_installations" (
	"install_key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"team_name" text,
	"enterprise_id" text,
	"enterprise_name" text,
	"is_enterprise_install" boolean DEFAULT false NOT NULL,
	"app_id" text,
	"bot_id" text,
	"bot_user_id" text,
	"bot_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"bot_token_sealed" text NOT NULL,
	"bot_refresh_token_sealed" text,
	"bot_token_expires_at" timestamp with time zone,
	"installer_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_installations_enterprise" ON "slack_installations" USING btree ("enterprise_id");