// The whole domain's tables, in one drizzle schema; migrations under src/db/migrations are generated from it.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { TEXT_LIMITS } from "../core/text-limits.ts";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);
/** A safety net under the core's refusal (TEXT_LIMITS): free text longer than its cap is never stored. */
const capped = (name: string, column: AnyPgColumn, max: number) =>
  check(name, sql`char_length(${column}) <= ${sql.raw(String(max))}`);

export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    institution: text("institution").notNull(),
    department: text("department"),
    role: text("role"),
    careerStage: text("career_stage"),
    expertise: textList("expertise"),
    methods: textList("methods"),
    offers: textList("offers"),
    needs: textList("needs"),
    conflictsWith: textList("conflicts_with"),
    timezone: text("timezone"),
    /** Where the person's public holidays come from: ISO 3166-1 alpha-2 and date-holidays' region (state) code. */
    country: text("country"),
    region: text("region"),
    openToMentoring: boolean("open_to_mentoring").notNull().default(false),
    optedOut: boolean("opted_out").notNull().default(false),
    celebrationsOptOut: boolean("celebrations_opt_out").notNull().default(false),
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
    isAdmin: boolean("is_admin").notNull().default(false),
    /** The ORCID iD, canonical (0000-0002-1825-0097): how publications find their author first. */
    orcid: text("orcid"),
    /** The person turned publications off in their profile: they are neither shown nor used for matching. */
    publicationsOff: boolean("publications_off").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The match index asks max(updated_at) before each query to see whether another instance changed a profile.
  (t) => [index("people_updated_at").on(t.updatedAt), index("people_orcid").on(t.orcid)],
);

/** A person's account on one chat platform; ids are only meaningful beside platform and tenant. */
export const chatIdentities = pgTable(
  "chat_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    tenantId: text("tenant_id").notNull(),
    userId: text("user_id").notNull(),
    /** Teams: the conversation reference needed for proactive messages, saved on first contact or install. */
    conversationRef: jsonb("conversation_ref"),
    platformTimezone: text("platform_timezone"),
    /** Teams: when the app was removed from this person's chat (installationUpdate remove); cleared on reinstall. */
    appRemovedAt: timestamp("app_removed_at", { withTimezone: true }),
    /**
     * An organisation spanning tenants in which a user id names the same person in every tenant: Slack Enterprise
     * Grid's enterprise id (a Grid user keeps one user id in all of the org's workspaces). Null elsewhere.
     */
    organisationId: text("organisation_id"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("chat_identities_platform_user").on(t.platform, t.tenantId, t.userId),
    index("chat_identities_person").on(t.personId),
    index("chat_identities_organisation_user").on(t.platform, t.organisationId, t.userId),
  ],
);

export const programmes = pgTable("programmes", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** The answer window: ISO weekdays and whole local hours in which members are prompted and reminded. */
  answerDays: integer("answer_days").array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
  answerStartHour: integer("answer_start_hour").notNull().default(9),
  answerEndHour: integer("answer_end_hour").notNull().default(17),
  createdAt: createdAt(),
});

/** Days a person is away (leave, a week on call or on nights), inclusive dates on their own calendar. */
export const personAway = pgTable(
  "person_away",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    fromDate: date("from_date", { mode: "string" }).notNull(),
    toDate: date("to_date", { mode: "string" }).notNull(),
    /** Seen by the person only, never by partners; checked by the patient-data guard. */
    reason: text("reason"),
    /** command: typed or the form; chat-status: read from the person's chat status (Slack "Out of office"). */
    source: text("source").notNull().default("command"),
    createdAt: createdAt(),
  },
  (t) => [
    index("person_away_person").on(t.personId, t.toDate),
    capped("person_away_reason_length", t.reason, TEXT_LIMITS.awayReason),
    check("person_away_order", sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

/** role: member | coordinator. A coordinator also sets when their digest comes. */
export const programmeMembers = pgTable(
  "programme_members",
  {
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    role: text("role").notNull(),
    digestWeekday: integer("digest_weekday").notNull().default(1),
    digestHour: integer("digest_hour").notNull().default(9),
    lastDigestAt: timestamp("last_digest_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.programmeId, t.personId, t.role] }),
    index("programme_members_person").on(t.personId),
  ],
);

/**
 * The Slack workspaces and Teams tenants a programme belongs to. A programme with none is visible from every
 * workspace and tenant the bot serves (one-organisation deployments need no setup); with some, only from those.
 */
export const programmeTenants = pgTable(
  "programme_tenants",
  {
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    tenantId: text("tenant_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.platform, t.tenantId] })],
);

/** Channels a programme posts to (purpose: celebrations), one per platform and tenant. */
export const programmeChannels = pgTable(
  "programme_channels",
  {
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    platform: text("platform").notNull(),
    tenantId: text("tenant_id").notNull(),
    channelId: text("channel_id").notNull(),
    conversationRef: jsonb("conversation_ref"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.purpose, t.platform, t.tenantId] })],
);

export const partnerships = pgTable(
  "partnerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    programmeId: uuid("programme_id").references(() => programmes.id, { onDelete: "set null" }),
    status: text("status").notNull().default("active"),
    cadence: text("cadence").notNull().default("fortnightly"),
    weekday: integer("weekday").notNull().default(2),
    localHour: integer("local_hour").notNull().default(10),
    introId: uuid("intro_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** When one of the two first answered "Did you meet?" with Yes: the partnership has really started. */
    metAt: timestamp("met_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("partnerships_programme").on(t.programmeId, t.status)],
);

export const partnershipMembers = pgTable(
  "partnership_members",
  {
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.personId] }),
    index("partnership_members_person").on(t.personId),
  ],
);

/** status: pending | accepted | declined | expired */
export const intros = pgTable(
  "intros",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    candidateId: uuid("candidate_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    need: text("need").notNull(),
    status: text("status").notNull().default("pending"),
    /**
     * A warm-path ask: the person the candidate (a co-author of both) is asked to introduce the requester to.
     * Accepting it sends the requester's request on to them instead of making a partnership.
     */
    targetId: uuid("target_id").references(() => people.id, { onDelete: "cascade" }),
    /** The co-author who passed this request on (a warm-path ask they accepted), shown to the candidate. */
    introducedBy: uuid("introduced_by").references(() => people.id, { onDelete: "set null" }),
    partnershipId: uuid("partnership_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("intros_status").on(t.status, t.expiresAt),
    capped("intros_need_length", t.need, TEXT_LIMITS.need),
    // One open request per pair: a second click, or a second instance, cannot send the candidate two.
    uniqueIndex("intros_pending_pair").on(t.requesterId, t.candidateId).where(sql`status = 'pending'`),
  ],
);

/**
 * "Did you meet?": a week after an accepted intro each of the two is asked once (round 1), and once more a week
 * after answering "Not yet" (round 2). status: waiting | sent | answered | skipped (never sent: the partnership
 * ended, or the pair had met already). answer: yes | not_yet | not_fit — "not_fit" is seen by nobody but the one
 * who pressed it, and lowers the pair in suggestions.
 */
export const meetAsks = pgTable(
  "meet_asks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    round: integer("round").notNull().default(1),
    /** Not asked before this; then at the partnership's local hour on a working day in the person's zone. */
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status").notNull().default("waiting"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("meet_asks_round").on(t.partnershipId, t.personId, t.round),
    index("meet_asks_due").on(t.status, t.dueAt),
    index("meet_asks_person").on(t.personId),
  ],
);

/**
 * A /find-collaborator question, kept for a week so that each "Request intro" button carries only a short
 * reference (candidate id and this id); the need is copied onto the intro row when one is requested.
 */
export const findRequests = pgTable(
  "find_requests",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requesterId: uuid("requester_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    need: text("need").notNull(),
    /** The people suggested, best first: a Request intro button is honoured only for them. */
    candidateIds: textList("candidate_ids"),
    createdAt: createdAt(),
  },
  (t) => [
    index("find_requests_created").on(t.createdAt),
    capped("find_requests_need_length", t.need, TEXT_LIMITS.need),
  ],
);

/** One check-in slot of a partnership; the period key makes a slot unique whatever instance plans it. */
export const checkins = pgTable(
  "checkins",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    periodEnd: timestamp("period_end", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("checkins_partnership_period").on(t.partnershipId, t.periodKey),
    // The digest walks each partnership's check-ins newest first (latest answer, last two unanswered).
    index("checkins_partnership_start").on(t.partnershipId, t.periodStart),
  ],
);

/** One member's prompt for a check-in. status: pending | sent | answered | skipped | unreachable */
export const checkinPrompts = pgTable(
  "checkin_prompts",
  {
    checkinId: uuid("checkin_id")
      .notNull()
      .references(() => checkins.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status").notNull().default("pending"),
    answer: text("answer"),
    /** The custom question's choice the member pressed, as its label read then; null for the standard buttons. */
    choice: text("choice"),
    /** The custom question (checkin_questions) the answer was given to, when one was asked. */
    questionId: bigint("question_id", { mode: "number" }).references(() => checkinQuestions.id, {
      onDelete: "set null",
    }),
    note: text("note"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    outboxId: integer("outbox_id"),
  },
  (t) => [
    primaryKey({ columns: [t.checkinId, t.personId] }),
    index("checkin_prompts_due").on(t.status, t.dueAt),
    index("checkin_prompts_person").on(t.personId),
    // The digest's response rates count prompts sent in the last eight periods.
    index("checkin_prompts_sent").on(t.sentAt),
    capped("checkin_prompts_note_length", t.note, TEXT_LIMITS.checkinNote),
    capped("checkin_prompts_choice_length", t.choice, TEXT_LIMITS.checkinChoice),
  ],
);

/**
 * A coordinator's check-in question for a programme or one partnership: the question, up to three choices (each
 * { label, state } with state on_track | needs_attention | blocked) and an optional free-text question. Rows are
 * never changed: the newest row of a scope is its question, and a row without a question returns that scope to
 * the one above it (a partnership to its programme's, a programme to the standard question).
 */
export const checkinQuestions = pgTable(
  "checkin_questions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    programmeId: uuid("programme_id").references(() => programmes.id, { onDelete: "cascade" }),
    partnershipId: uuid("partnership_id").references(() => partnerships.id, { onDelete: "cascade" }),
    question: text("question"),
    choices: jsonb("choices").notNull().default(sql`'[]'::jsonb`),
    freeTextQuestion: text("free_text_question"),
    setBy: uuid("set_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("checkin_questions_partnership").on(t.partnershipId, t.id),
    index("checkin_questions_programme").on(t.programmeId, t.id),
    check("checkin_questions_one_scope", sql`(${t.programmeId} is null) <> (${t.partnershipId} is null)`),
    check("checkin_questions_choices", sql`jsonb_array_length(${t.choices}) <= 3`),
    capped("checkin_questions_question_length", t.question, TEXT_LIMITS.checkinQuestion),
    capped("checkin_questions_free_text_length", t.freeTextQuestion, TEXT_LIMITS.checkinQuestion),
  ],
);

export const mentorships = pgTable("mentorships", {
  id: uuid("id").primaryKey().defaultRandom(),
  mentorId: uuid("mentor_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  menteeId: uuid("mentee_id")
    .notNull()
    .references(() => people.id, { onDelete: "cascade" }),
  programmeId: uuid("programme_id").references(() => programmes.id, { onDelete: "set null" }),
  goals: text("goals"),
  rhythmDays: integer("rhythm_days").notNull().default(30),
  followUpDays: integer("follow_up_days").notNull().default(14),
  status: text("status").notNull().default("active"),
  nextFollowUpAt: timestamp("next_follow_up_at", { withTimezone: true }),
  lastNudgedAt: timestamp("last_nudged_at", { withTimezone: true }),
  createdAt: createdAt(),
});

export const mentorMeetings = pgTable(
  "mentor_meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mentorshipId: uuid("mentorship_id")
      .notNull()
      .references(() => mentorships.id, { onDelete: "cascade" }),
    loggedBy: uuid("logged_by").references(() => people.id, { onDelete: "set null" }),
    metOn: date("met_on").notNull(),
    nextStep: text("next_step"),
    createdAt: createdAt(),
  },
  (t) => [capped("mentor_meetings_next_step_length", t.nextStep, TEXT_LIMITS.meetingNextStep)],
);

/** kind: ethics_approval | first_participant | data_collection_complete | paper_submitted | paper_accepted | grant_submitted | grant_awarded | other */
export const milestones = pgTable(
  "milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    kind: text("kind").notNull().default("other"),
    dueOn: date("due_on"),
    achievedAt: timestamp("achieved_at", { withTimezone: true }),
    achievedBy: uuid("achieved_by").references(() => people.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [capped("milestones_title_length", t.title, TEXT_LIMITS.milestoneTitle)],
);

/**
 * Messages waiting to be sent, written in the same transaction as the change that causes them.
 * status: pending | sent | failed | unreachable
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    dedupeKey: text("dedupe_key").unique(),
    kind: text("kind").notNull(),
    platform: text("platform").notNull(),
    tenantId: text("tenant_id").notNull(),
    /** Where it goes: a Slack user or channel id, or a Teams conversation reference. */
    target: jsonb("target").notNull(),
    personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    message: jsonb("message").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    platformMessageId: text("platform_message_id"),
    platformChannelId: text("platform_channel_id"),
    createdAt: createdAt(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
);

/** A job's slot is run once: the first instance to insert (job, slot) owns it. */
export const jobRuns = pgTable(
  "job_runs",
  {
    job: text("job").notNull(),
    slot: text("slot").notNull(),
    claimedBy: text("claimed_by").notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.job, t.slot] })],
);

/** Slack retries an Events API delivery it thinks failed; its event_id is kept so it is processed once. */
export const slackEvents = pgTable("slack_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Workspaces (Slack team or Enterprise Grid org id) and tenants the bot can no longer write to: the app was
 * uninstalled or its bot token revoked. Deliveries there stop with `reason` until it is installed again.
 */
export const chatWorkspaceStatus = pgTable(
  "chat_workspace_status",
  {
    platform: text("platform").notNull(),
    tenantId: text("tenant_id").notNull(),
    /** "uninstalled" | "tokens_revoked" */
    status: text("status").notNull(),
    reason: text("reason").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.tenantId] })],
);

/** Who did what, when, from where; never message bodies. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    platform: text("platform").notNull(),
    action: text("action").notNull(),
    subject: text("subject"),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_at").on(t.at)],
);

/**
 * The press of a prompt's button that counted: one row per prompt and slot (its buttons that share one answer),
 * written in the same transaction as the change it made, so a second press, instance or retry finds it.
 */
export const buttonPresses = pgTable(
  "button_presses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** What the prompt is about, e.g. `mentor.followup:<mentorship>:<due instant>`; carried in the button value. */
    promptKey: text("prompt_key").notNull(),
    /** The action id of the handler (its buttons share one answer per prompt). */
    actionId: text("action_id").notNull(),
    /** The exact action id pressed. */
    pressed: text("pressed").notNull(),
    personId: uuid("person_id").references(() => people.id, { onDelete: "cascade" }),
    pressedAt: timestamp("pressed_at", { withTimezone: true }).notNull(),
    /** A short, nameless phrase of what the press did ("you met", "accepted"): a second press is told it. */
    outcome: text("outcome").notNull(),
  },
  (t) => [
    uniqueIndex("button_presses_prompt_action").on(t.promptKey, t.actionId),
    capped("button_presses_outcome_length", t.outcome, 200),
  ],
);

/**
 * One row per Slack installation (OAuth, several workspaces): keyed by the team id, or by the enterprise id for
 * an org-wide (Enterprise Grid) install. Tokens are sealed with AES-256-GCM (src/db/secret-box.ts) and are
 * never exported; the other columns say which workspace it is.
 */
export const slackInstallations = pgTable(
  "slack_installations",
  {
    installKey: text("install_key").primaryKey(),
    teamId: text("team_id"),
    teamName: text("team_name"),
    enterpriseId: text("enterprise_id"),
    enterpriseName: text("enterprise_name"),
    isEnterpriseInstall: boolean("is_enterprise_install").notNull().default(false),
    appId: text("app_id"),
    botId: text("bot_id"),
    botUserId: text("bot_user_id"),
    botScopes: textList("bot_scopes"),
    botTokenSealed: text("bot_token_sealed").notNull(),
    /** With token rotation on: the sealed refresh token and when the bot token expires. */
    botRefreshTokenSealed: text("bot_refresh_token_sealed"),
    botTokenExpiresAt: timestamp("bot_token_expires_at", { withTimezone: true }),
    installerUserId: text("installer_user_id"),
    installedAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("slack_installations_enterprise").on(t.enterpriseId)],
);

/**
 * A paper, from PubMed (XML or MEDLINE), an ORCID works list or E-utilities. Found again by PMID, else DOI
 * (lowercase), else its title key (normalised title and year), so the same paper from two sources is one row.
 */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    pmid: text("pmid"),
    doi: text("doi"),
    titleKey: text("title_key").notNull(),
    title: text("title").notNull(),
    year: integer("year"),
    journal: text("journal"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("publications_pmid").on(t.pmid),
    uniqueIndex("publications_doi").on(t.doi),
    index("publications_title_key").on(t.titleKey),
  ],
);

/** A MeSH descriptor indexing a paper; `major` is PubMed's MajorTopicYN (the paper is mainly about it). */
export const publicationMesh = pgTable(
  "publication_mesh",
  {
    publicationId: uuid("publication_id")
      .notNull()
      .references(() => publications.id, { onDelete: "cascade" }),
    descriptor: text("descriptor").notNull(),
    major: boolean("major").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.descriptor] })],
);

/**
 * The authors of a paper in byline order: every co-author, with their ORCID iD when the source gives it and the
 * person it is when one matched (by ORCID iD, email or exact name). `hidden`: that person hid the paper.
 */
export const publicationAuthors = pgTable(
  "publication_authors",
  {
    publicationId: uuid("publication_id")
      .notNull()
      .references(() => publications.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    orcid: text("orcid"),
    personId: uuid("person_id").references(() => people.id, { onDelete: "set null" }),
    hidden: boolean("hidden").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.publicationId, t.position] }),
    index("publication_authors_person").on(t.personId),
  ],
);
