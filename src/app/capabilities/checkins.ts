// Partnerships and check-ins: the `partnerships`, `question` and `history` commands, answering prompts, and the
// checkins and reminders jobs.
import { createAwayFeature } from "../../core/away/create-away-feature.ts";
import { createStatusAwayRefresh } from "../../core/away/status-away.ts";
import { createAnswerWindowFeature } from "../../core/calendar/create-answer-window-feature.ts";
import { createCheckinFeature } from "../../core/checkins/create-checkin-feature.ts";
import { createCheckinService } from "../../core/checkins/create-checkin-service.ts";
import { createHistoryFeature } from "../../core/checkins/create-history-feature.ts";
import { createQuestionFeature } from "../../core/checkins/create-question-feature.ts";
import { createPartnershipsFeature } from "../../core/partnerships/create-partnerships-feature.ts";
import { createAnswerWindowStore } from "../../db/answer-window-store.ts";
import { createAwayStore } from "../../db/away-store.ts";
import { createCheckinHistoryStore } from "../../db/checkin-history-store.ts";
import { createCheckinQuestionStore } from "../../db/checkin-question-store.ts";
import { createCheckinStore } from "../../db/checkin-store.ts";
import { createPartnershipStore } from "../../db/partnership-store.ts";
import { createStatusAwayStore } from "../../db/status-away-store.ts";
import { createCheckinsJob } from "../../jobs/checkins.ts";
import { createRemindersJob } from "../../jobs/reminders.ts";
import type { Capability, CapabilityDeps } from "./capability.ts";

/** Reminder delay, late window and working hours are the check-in service's defaults: 24 h, 24 h, 09:00–17:00. */
export function createCheckins(deps: CapabilityDeps): Capability {
  const store = createCheckinStore(deps.db);
  const questions = createCheckinQuestionStore(deps.db);
  // Slack statuses ("Out of office") count as days away when the bot may read them.
  const statusAway = createStatusAwayRefresh({
    store: createStatusAwayStore(deps.db),
    lookups: deps.statusAway,
  });
  const checkins = createCheckinService({ store, statusAway });
  return {
    features: [
      createPartnershipsFeature({ partnerships: createPartnershipStore(deps.db) }),
      createCheckinFeature({ checkins: store, questions, freeText: deps.freeText }),
      createQuestionFeature({ questions, freeText: deps.freeText }),
      createHistoryFeature({ history: createCheckinHistoryStore(deps.db) }),
      createAwayFeature({ away: createAwayStore(deps.db), freeText: deps.freeText }),
      createAnswerWindowFeature({ windows: createAnswerWindowStore(deps.db) }),
    ],
    jobs: [createCheckinsJob({ checkins }), createRemindersJob({ checkins })],
  };
}
