// What every Slack listener gets: the core and a logger.
import type { Core } from "../../core/create-core.ts";
import type { Logger } from "../../logger.ts";

export interface SlackListenerDeps {
  core: Core;
  logger: Logger;
  /**
   * How long a slash command or form submission may wait for the core before it is acked empty and answered
   * afterwards (Slack shows an error after 3 s without an ack); default 2,000 ms, 0 acks every command at once.
   */
  ackWithinMs?: number;
}
