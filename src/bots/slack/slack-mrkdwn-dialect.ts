// Slack's mrkdwn as a rich-text dialect: `&<>` entities, *bold*, <url|text> links and <@U123> mentions.
import { addressOn, type PersonRef } from "../../core/message.ts";
import { clean, tokenCutter } from "../render-text.ts";
import { linkableUrl, type MarkupDialect } from "../rich-text/render-rich-text.ts";

/** Slack's mrkdwn escaping: only `&`, `<` and `>` become entities. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts mrkdwn at whole tokens: entities, surrogate pairs, characters. */
export const cutMrkdwn = tokenCutter(/&(?:amp|lt|gt);|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g);

/** Mrkdwn for one Slack team: only identities in `tenantId` are mentioned as `<@U…>`; others are named. */
export function slackMrkdwnDialect(tenantId: string): MarkupDialect {
  return {
    escape: escapeMrkdwn,
    cutTokens: cutMrkdwn,
    oneLine: true,
    boldMarker: "*",
    link(url, label) {
      const target = slackUrl(url);
      if (target === undefined) return label;
      return { before: `<${target}|`, text: label === "" ? escapeMrkdwn(clean(url)) : label, after: ">" };
    },
    mention: (person) => mention(person, tenantId),
  };
}

function mention(person: PersonRef, tenantId: string): { text: string } | undefined {
  const address = addressOn(person, "slack", tenantId);
  // Anything but a plain Slack id could break out of `<@…>`; such a person is named instead.
  return address && /^[A-Z0-9]+$/i.test(address.userId) ? { text: `<@${address.userId}>` } : undefined;
}

/** A linkable url with the characters that would end Slack's `<url|text>` encoded. */
function slackUrl(url: string): string | undefined {
  return linkableUrl(url)
    ?.replace(/&/g, "&amp;")
    .replace(/[<>|\s]/g, (char) => encodeURIComponent(char));
}
