// Delivers one person's console messages to their open terminal chat: the chat process is the console's delivery worker.
import type { ChatSender } from "../core/outgoing.ts";
import { DeliveryError } from "../core/outgoing.ts";
import type { Db } from "../db/client.ts";
import { claimChannelDeliveries, claimDeliveriesOf, markRetry, markSent } from "../db/outbox-store.ts";
import type { Logger } from "../logger.ts";

export interface ConsoleDeliveryOptions {
  db: Db;
  personId: string;
  /** The terminal as a channel (the person's email): celebrations posted to it are shown too. */
  channelId?: string;
  sender: ChatSender;
  logger: Logger;
  /** The chat's clock, for when a message counts as sent. */
  now?: () => Date;
}

export interface ConsoleDelivery {
  /** Shows every console message waiting for the person; resolves with how many were shown. */
  drain(): Promise<number>;
}

const LEASE_MS = 60_000;
const RETRY_MS = 60_000;

export function createConsoleDelivery(options: ConsoleDeliveryOptions): ConsoleDelivery {
  const now = options.now ?? (() => new Date());
  const log = options.logger.child({ component: "console-delivery" });
  return {
    async drain() {
      // Leases use real time: the chat's clock may have been moved by `jobs run … --now`.
      const claimed = await claimDeliveriesOf(options.db, "console", options.personId, new Date(), LEASE_MS);
      if (options.channelId) {
        claimed.push(
          ...(await claimChannelDeliveries(options.db, "console", options.channelId, new Date(), LEASE_MS)),
        );
      }
      let shown = 0;
      for (const delivery of claimed) {
        try {
          const receipt = await options.sender.send(delivery);
          await markSent(options.db, delivery.id, receipt, now());
          shown += 1;
        } catch (error) {
          const reason = error instanceof DeliveryError ? error.reason : (error as Error).message;
          log.warn({ outbox: delivery.id, reason }, "Console delivery failed; it waits for the next try");
          await markRetry(options.db, delivery.id, reason, new Date(Date.now() + RETRY_MS));
        }
      }
      return shown;
    },
  };
}
