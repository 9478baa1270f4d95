// Slack OAuth installs through the real /slack/install and /slack/oauth_redirect, against the fake's oauth.v2.access.
import type { FakeSlackApi } from "../fakes/fake-slack-api.ts";

/** OAuth on, no single SLACK_BOT_TOKEN: each workspace's token comes from its installation. */
export const OAUTH_ENV = {
  SLACK_BOT_TOKEN: undefined,
  SLACK_CLIENT_ID: "1111.2222",
  SLACK_CLIENT_SECRET: "client-secret-0123456789",
  SLACK_STATE_SECRET: "state-secret-0123456789abcdef",
  COLLAB_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

export type OAuthGrant = Record<string, unknown>;

/** oauth.v2.access's answer to a code, per docs.slack.dev (a workspace install, or an org-wide one with `enterprise`). */
export function grant(input: {
  token: string;
  botUserId: string;
  team?: { id: string; name: string };
  enterprise?: { id: string; name: string };
  /** Token rotation on: a refresh token and how long the token lives. */
  refreshToken?: string;
  expiresIn?: number;
  installer?: string;
}): OAuthGrant {
  return {
    ok: true,
    app_id: "A0COLLAB01",
    authed_user: { id: input.installer ?? "U0ADMIN01" },
    scope: "commands,chat:write,im:write,users:read",
    token_type: "bot",
    access_token: input.token,
    ...(input.refreshToken
      ? { refresh_token: input.refreshToken, expires_in: input.expiresIn ?? 43_200 }
      : {}),
    bot_user_id: input.botUserId,
    team: input.team ?? null,
    enterprise: input.enterprise ?? null,
    is_enterprise_install: Boolean(input.enterprise && !input.team),
  };
}

/**
 * The fake's oauth.v2.access: a code gets its grant; a refresh_token grant (token rotation) gets `refreshed` for that
 * refresh token, as Slack answers it (token_type bot, a new token and refresh token).
 */
export function answerOAuth(
  slackApi: FakeSlackApi,
  grants: Record<string, OAuthGrant>,
  refreshed: Record<string, OAuthGrant> = {},
): void {
  slackApi.answer("oauth.v2.access", (args) => {
    if (args.grant_type === "refresh_token") {
      return refreshed[String(args.refresh_token)] ?? { ok: false, error: "invalid_refresh_token" };
    }
    return grants[String(args.code)] ?? { ok: false, error: "invalid_code" };
  });
}

/** GET /slack/install: the Add to Slack page, its state and the state cookie. */
export async function startInstall(baseUrl: string) {
  const response = await fetch(`${baseUrl}/slack/install`);
  const html = await response.text();
  const state = decodeURIComponent(/state=([^&"]+)/.exec(html)?.[1] ?? "");
  const cookie = (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  return { status: response.status, state, cookie, html };
}

/** GET /slack/oauth_redirect as the browser comes back from Slack. */
export function oauthRedirect(baseUrl: string, code: string, state: string, cookie: string) {
  return fetch(`${baseUrl}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
}

/** An admin installs the app: the install page, then Slack's redirect with this code. */
export async function installThroughRedirect(baseUrl: string, code: string) {
  const { state, cookie } = await startInstall(baseUrl);
  const response = await oauthRedirect(baseUrl, code, state, cookie);
  return { status: response.status, text: await response.text() };
}
