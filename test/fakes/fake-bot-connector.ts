// A loopback fake of the Bot Framework connector that Teams activities' serviceUrl points at; records what the bot sends.
import { type FakeReply, type RecordedRequest, startHttpFake } from "./http-fake.ts";

export interface ConnectorCall {
  kind: "send" | "reply" | "update" | "create-conversation" | "other";
  conversationId?: string;
  activityId?: string;
  activity: Record<string, unknown>;
  authorization?: string;
  /** The activity or conversation id the fake answered with, when it did not answer a queued failure. */
  replyId?: string;
}

/** A fault to answer a connector call with, or undefined to process it; see injectFaults. */
export type ConnectorFault = (kind: ConnectorCall["kind"]) => FakeReply | undefined;

export interface FakeBotConnector {
  serviceUrl: string;
  calls: ConnectorCall[];
  /** Activities the bot sent (new messages and replies), in order. */
  sent(): Record<string, unknown>[];
  failNext(reply: FakeReply, times?: number): void;
  /**
   * Ask `fault` before every call; a reply it returns (an error, or `hang`) is given instead and the call is not
   * processed nor recorded in `calls`, as when a request fails before Teams acts on it. null stops it.
   */
  injectFaults(fault: ConnectorFault | null): void;
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
  let fault: ConnectorFault | null = null;
  const fake = await startHttpFake((request) => {
    const kind = classify(request);
    const injected = fault?.(kind.kind);
    if (injected) return injected;
    const call: ConnectorCall = {
      ...kind,
      activity: (request.body ?? {}) as Record<string, unknown>,
      ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
    };
    calls.push(call);
    const failure = failures.shift();
    if (failure) return failure;
    if (call.kind === "create-conversation") {
      call.replyId = `a:conversation-${next++}`;
      return { status: 201, body: { id: call.replyId } };
    }
    call.replyId = call.activityId && call.kind === "update" ? call.activityId : `activity-${next++}`;
    return { status: 200, body: { id: call.replyId } };
  });
  return {
    serviceUrl: fake.url,
    calls,
    sent: () => calls.filter((c) => c.kind === "send" || c.kind === "reply").map((c) => c.activity),
    failNext(reply, times = 1) {
      for (let i = 0; i < times; i++) failures.push(reply);
    },
    injectFaults(next) {
      fault = next;
    },
    close: fake.close,
  };
}
