// A loopback fake of Slack's Web API (SLACK_API_URL) and of response_url endpoints, recording every call.
import { type FakeReply, type HttpFake, type RecordedRequest, startHttpFake } from "./http-fake.ts";

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** What the fake answered, when it answered with its default or a handler (not a queued failure). */
  answer?: Record<string, unknown>;
}

/** A fault to answer a Web API call with, or undefined to process it; see injectFaults. */
export type SlackFault = (method: string) => FakeReply | undefined;

export interface FakeSlackApi {
  /** Base URL to use as SLACK_API_URL. */
  apiUrl: string;
  /** A response_url for slash command payloads; calls to it are recorded as method "response_url". */
  responseUrl(id?: string): string;
  calls: SlackCall[];
  callsTo(method: string): SlackCall[];
  /** Answer the next `times` calls of a method with this reply instead of the default. */
  failNext(method: string, reply: FakeReply, times?: number): void;
  /** Replace the default answer of a method. */
  answer(method: string, handler: (args: Record<string, unknown>) => Record<string, unknown>): void;
  /**
   * Ask `fault` before every Web API call; a reply it returns (an error, or `hang`) is given instead and the call
   * is not processed nor recorded in `calls`, as when a request fails before Slack acts on it. null stops it.
   */
  injectFaults(fault: SlackFault | null): void;
  close(): Promise<void>;
}

export const FAKE_TEAM_ID = "T0FAKE001";
export const FAKE_BOT_USER_ID = "U0BOT0001";

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  const failures = new Map<string, FakeReply[]>();
  const handlers = new Map<string, (args: Record<string, unknown>) => Record<string, unknown>>();
  let ts = 1_700_000_000;
  let fault: SlackFault | null = null;

  const defaults: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
    "auth.test": () => ({ ok: true, team_id: FAKE_TEAM_ID, user_id: FAKE_BOT_USER_ID, bot_id: "B0FAKE001" }),
    "chat.postMessage": (args) => ({ ok: true, channel: args.channel, ts: `${ts++}.000100` }),
    "chat.update": (args) => ({ ok: true, channel: args.channel, ts: args.ts }),
    "chat.postEphemeral": () => ({ ok: true, message_ts: `${ts++}.000200` }),
    "conversations.open": (args) => ({
      ok: true,
      channel: { id: `D${String(args.users ?? "X").replace(/,/g, "")}` },
    }),
    "users.info": (args) => ({
      ok: true,
      user: { id: args.user, tz: "Europe/London", real_name: "Fake User" },
    }),
    // No status set: the shape of users.profile.get's answer with the optional users.profile:read scope.
    "users.profile.get": () => ({
      ok: true,
      profile: { real_name: "Fake User", status_text: "", status_emoji: "", status_expiration: 0 },
    }),
    "views.open": () => ({ ok: true, view: { id: `V${ts++}` } }),
    "views.update": () => ({ ok: true }),
    "views.publish": (args) => ({ ok: true, view: { id: `V${ts++}`, type: "home", user_id: args.user_id } }),
  };

  const route = (request: RecordedRequest): FakeReply => {
    const args = (typeof request.body === "object" && request.body ? request.body : {}) as Record<
      string,
      unknown
    >;
    if (request.path.startsWith("/respond/")) {
      calls.push({ method: "response_url", args: { ...args, _id: request.path.slice(9) } });
      return { body: { ok: true } };
    }
    const method = request.path.replace(/^\/api\//, "");
    const injected = fault?.(method);
    if (injected) return injected;
    const auth = request.headers.authorization;
    const call: SlackCall = { method, args, ...(auth ? { token: auth.replace(/^Bearer /, "") } : {}) };
    calls.push(call);
    const queued = failures.get(method);
    if (queued && queued.length > 0) return queued.shift()!;
    const handler = handlers.get(method) ?? defaults[method];
    if (!handler) return { body: { ok: false, error: "unknown_method" } };
    call.answer = handler(args);
    return { body: call.answer };
  };

  const fake: HttpFake = await startHttpFake(route);
  return {
    apiUrl: `${fake.url}/api/`,
    responseUrl: (id = "1") => `${fake.url}/respond/${id}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, reply, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(reply);
      failures.set(method, queue);
    },
    answer(method, handler) {
      handlers.set(method, handler);
    },
    injectFaults(next) {
      fault = next;
    },
    close: fake.close,
  };
}
