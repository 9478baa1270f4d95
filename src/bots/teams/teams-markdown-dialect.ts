// Teams' markdown as a rich-text dialect: backslash escapes, **bold**, [text](url) links, <at>Name</at> mentions with entities.
import { addressOn, type PersonRef, personLabel } from "../../core/message.ts";
import { clean, oneLine, tokenCutter, truncate } from "../render-text.ts";
import { linkableUrl, type MarkupDialect, type WrittenMention } from "../rich-text/render-rich-text.ts";

/** What Teams needs beside `<at>Name</at>` to make it a mention: the same text and the user it names. */
export interface MentionEntity {
  type: "mention";
  text: string;
  mentioned: { id: string; name: string };
}

/** The longest name written inside `<at>…</at>` (the card's cap on a label). */
const NAME_MAX = 500;

/** Backslash-escapes what Teams' markdown would read as formatting, links, mentions or list starts. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`[\]<>]/g, (char) => `\\${char}`)
    .replace(/^([ \t]*)([#+-])/gm, "$1\\$2")
    .replace(/^([ \t]*\d+)\./gm, "$1\\.");
}

/** Cuts markdown at whole tokens: backslash escapes, surrogate pairs, characters. */
export const cutMarkdown = tokenCutter(/\\[\s\S]|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g);

/**
 * Markdown for one card in one tenant: only identities in `tenantId` are mentioned. It remembers the name it
 * wrote for each person, so that two people who share a name get distinct `<at>` texts in the card (Teams
 * matches an entity to its mention by that text).
 */
export function createTeamsMarkdownDialect(tenantId: string): MarkupDialect<MentionEntity> {
  const mentionTexts = new Map<string, string>();

  /** The name inside `<at>…</at>`: the person's name, made distinct when two people share it. */
  function mentionName(person: PersonRef, userId: string): string {
    const known = mentionTexts.get(userId);
    if (known !== undefined) return known;
    const taken = new Set(mentionTexts.values());
    const base = truncate(oneLine(person.name).replace(/[<>]/g, ""), NAME_MAX, cutMarkdown) || "someone";
    const withInstitution = truncate(
      oneLine(personLabel(person)).replace(/[<>]/g, ""),
      NAME_MAX,
      cutMarkdown,
    );
    let name = taken.has(base) && withInstitution !== "" ? withInstitution : base;
    for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
    mentionTexts.set(userId, name);
    return name;
  }

  return {
    escape: escapeMarkdown,
    cutTokens: cutMarkdown,
    oneLine: true,
    boldMarker: "**",
    link(url, label) {
      const target = markdownUrl(url);
      if (target === undefined) return label;
      return {
        before: "[",
        text: label === "" ? escapeMarkdown(clean(url).trim()) : label,
        after: `](${target})`,
      };
    },
    mention(person): WrittenMention<MentionEntity> | undefined {
      const address = addressOn(person, "teams", tenantId);
      if (!address) return undefined;
      const name = mentionName(person, address.userId);
      const text = `<at>${name}</at>`;
      return { text, entity: { type: "mention", text, mentioned: { id: address.userId, name } } };
    },
  };
}

/** A linkable url with the characters that would end a markdown link percent-encoded. */
function markdownUrl(url: string): string | undefined {
  return linkableUrl(url)?.replace(
    /[\s()<>[\]]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
