// Writes the answer to /find-collaborator: up to five people, each with where they are, why, and a Request intro button.

import type { Suggestion } from "../matching/types.ts";
import type { Block, Message, PersonRef, Span } from "../message.ts";
import { count } from "../plural.ts";
import { introButtonValue } from "./find-request-port.ts";

export const INTRO_REQUEST_ACTION = "intro.request";

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A mention that shows the name alone when the person is not on this platform: the institution follows anyway. */
function nameOnly(person: PersonRef): PersonRef {
  return { id: person.id, name: person.name, identities: person.identities };
}

/** Buttons hold 75 characters on Slack: the full offer, else without "(co-author of both)", else clipped. */
const BUTTON_LABEL_MAX = 75;

/** The warm-path offer names both people: whom to ask, and whom they would introduce. */
function askViaLabel(via: string, candidate: string): string {
  const full = `Ask ${via} (co-author of both) to introduce you to ${candidate}`;
  if (full.length <= BUTTON_LABEL_MAX) return full;
  return clip(`Ask ${via} to introduce you to ${candidate}`, BUTTON_LABEL_MAX);
}

export function suggestionsMessage(input: {
  need: string;
  findRequestId: number;
  suggestions: readonly { suggestion: Suggestion; ref: PersonRef }[];
  /** For a candidate who shares a co-author with the requester: that co-author (a warm path). */
  via?: ReadonlyMap<string, PersonRef>;
  /** A line about the requester's own availability (paused, opted out), when there is one. */
  note?: string;
}): Message {
  // The engine marks every suggestion weak when none covers the need well: say so rather than pad the list.
  const weak = input.suggestions.length > 0 && input.suggestions.every(({ suggestion }) => suggestion.weak);
  const blocks: Block[] = weak
    ? [
        { type: "header", text: "No strong match" },
        { type: "context", text: `No strong match for “${clip(input.need, 150)}”; closest people:` },
      ]
    : [
        { type: "header", text: "People who could help" },
        { type: "context", text: `For: “${clip(input.need, 150)}”` },
      ];
  for (const { suggestion, ref } of input.suggestions) {
    const who: Span[] = [{ mention: nameOnly(ref) }];
    if (ref.institution) who.push(` · ${ref.institution}`);
    const via = input.via?.get(suggestion.personId);
    blocks.push({ type: "divider" }, { type: "text", text: who }, { type: "text", text: suggestion.reason });
    if (via) {
      blocks.push({
        type: "context",
        text: [
          { mention: nameOnly(via) },
          ` has written papers with you both: ask them to introduce you to ${ref.name}, a warm introduction.`,
        ],
      });
    }
    blocks.push({
      type: "actions",
      buttons: [
        {
          label: "Request intro",
          actionId: INTRO_REQUEST_ACTION,
          value: introButtonValue(suggestion.personId, input.findRequestId),
          style: "primary",
        },
        ...(via
          ? [
              {
                label: askViaLabel(via.name, ref.name),
                actionId: INTRO_REQUEST_ACTION,
                // The co-author is asked to introduce the requester to this person: the request names them.
                value: introButtonValue(via.id, input.findRequestId, suggestion.personId),
              },
            ]
          : []),
      ],
    });
  }
  blocks.push({ type: "divider" });
  if (input.note) blocks.push({ type: "context", text: input.note });
  blocks.push({
    type: "context",
    text: "Request intro sends them your profile and this need; they can accept or decline.",
  });
  const names = input.suggestions.map(({ ref }) => ref.name).join(", ");
  const summary = weak
    ? `No strong match; closest people: ${names}`
    : `${count(input.suggestions.length, "person", "people")} who could help: ${names}`;
  return { summary, blocks };
}

export function noSuggestionsMessage(need: string): Message {
  const text =
    `I found nobody for “${clip(need, 150)}” yet. Try other words: a method (“survival analysis”), ` +
    "a field (“oncology”) or a role (“health economist”).";
  return { summary: "No suggestions yet.", blocks: [{ type: "text", text }] };
}
