// A loopback fake of the Bot Framework connector that Teams activities' serviceUrl points at; records what the bot sends.
import { type FakeReply, type RecordedRequest, startHttpFake } from "./http-fake.ts";

export interface ConnectorCall {
  kind: "send" | "reply" | "update" | "create-conversation" | "other";
  conversationId?: string;
  activityId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
}

export interface FakeBotConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Activities the bot sent (new messages and replies), in order. */
  sent(): Record<string, unknown>[];
  failNext(reply: FakeReply, times?: number): void;
  close(): Promise<void>;
}

function classify(request: RecordedRequest): Omit<ConnectorCall, "activity" | "authorization"> {
  const match = request.path.match(/^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/);
  if (!match) return { kind: "other" };
  const conversationId = match[1] ? decodeURIComponent(match[1]) : undefined;
  const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
  if (!conversationId) return { kind: "create-conversation" };
  if (request.method === "PUT")
    return { kind: "update", conversationId, ...(activityId ? { activityId } : {}) };
  return activityId ? { kind: "reply", conversationId, activityId } : { kind: "send", conversationId };
}

export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const failures: FakeReply[] = [];
  let next = 1;
  const fake = await startHttpFake((request) => {
    const call: ConnectorCall = {
      ...classify(request),
      activity: (request.body ?? {}) as Record<string, unknown>,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    };
    calls.push(call);
    const failure = failures.shift();
    if (failure) return failure;
    if (call.kind === "create-conversation") return { status: 201, body: { id: `a:conversation-${next++}` } };
    return {
      status: 200,
      body: { id: call.activityId && call.kind === "update" ? call.activityId : `activity-${next++}` },
    };
  });
  return {
    serviceUrl: fake.url,
    calls,
    sent: () => calls.filter((c) => c.kind === "send" || c.kind === "reply").map((c) => c.activity),
    failNext(reply, times = 1) {
      for (let i = 0; i < times; i++) failures.push(reply);
    },
    close: fake.close,
  };
}
