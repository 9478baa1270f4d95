// What a coordinator can do about a member the bot cannot reach, from the outbox's recorded reason.

export const NO_IDENTITY = "no-identity";
export const NO_TEAMS_CONVERSATION = "no-teams-conversation";
/** Teams told the bot the app was removed from their chat (installationUpdate remove): its reference is gone. */
export const TEAMS_APP_REMOVED = "teams-app-removed";

const advice: readonly [RegExp, string][] = [
  // The app was removed from their Slack workspace: the reason already says what to do.
  [/Slack workspace.*reinstall it/i, ""],
  [/open the Collab app|people CSV|reinstall the app/i, ""],
  [/conversation reference|conversation not found/i, "ask them to open the Collab app in Teams once"],
  [
    /left the workspace|deactivated|may have left/i,
    "check whether they have left; update or remove them in the people CSV",
  ],
  [/blocked or uninstalled/i, "ask your Teams admin to allow the Collab app for them"],
  [/token|credentials/i, "the bot's own set-up: tell whoever runs the bot"],
];

/** "problem: what to do", in one line. */
export function reachAdvice(reason: string): string {
  if (reason === NO_IDENTITY) {
    return "no Slack or Teams account linked: add slack_user_id or teams_aad_object_id in the people CSV and import it again";
  }
  if (reason === TEAMS_APP_REMOVED) {
    return "the Collab app was removed from their Teams: ask them to reinstall the app in Teams (or install it for them)";
  }
  if (reason === NO_TEAMS_CONVERSATION) {
    return "no Teams conversation with the bot yet: ask them to open the Collab app in Teams once, or install it for them";
  }
  const short = reason.length > 160 ? `${reason.slice(0, 159)}…` : reason;
  const found = advice.find(([pattern]) => pattern.test(reason));
  if (found) return found[1] === "" ? short : `${short}: ${found[1]}`;
  return `${short}: check their chat account, or ask them to message the bot once`;
}
