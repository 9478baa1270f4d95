// What every Slack listener gets: the core and a logger.
import type { Core } from "../../core/create-core.ts";
import type { Logger } from "../../logger.ts";

export interface SlackListenerDeps {
  core: Core;
  logger: Logger;
}
