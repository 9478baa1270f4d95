// Reads a need for the other half: "I build X … I need Y" asks for Y, and X is what the requester already brings.

export interface NeedReading {
  /** The words that say what is wanted (the whole need when it names nothing the requester has). */
  ask: string;
  /** The words that say what the requester already has or does, or null. */
  has: string | null;
}

// "I have", "we've built", "our team runs", "I am a statistician", "I do the analysis myself" (not "I have no …").
// Also "as a health economist" where a sentence or clause starts with it (not "… to join as a recruiting site",
// "software as a medical device"), "my background is …", "I work in …".
const hasCue =
  /\b(?:(?:i|we|my team|our team|our group|my group|our unit|our ward|our lab)\s*(?:'ve|'m|'re|\s(?:have|has|had|am|are|do|did|build|built|develop|developed|made|make|run|ran|lead|hold|own|collect|collected|wrote|write|already\s+\w+|can|know|got|'ve got|have got|work on|work in|work as|work with|specialise in|specialize in))|(?<=^\s*|[.;!?,]\s*)as an?|my (?:background|expertise|field|speciality|specialty) is)\b(?!\s+(?:no|not|nobody|none|n't)\b)/i;

// "need", "looking for", "but no one to", "someone who", "the other half".
const askCue =
  /\b(?:what (?:i|we) (?:need|want|lack|miss) is|need|needs|needed|looking for|look for|seeking|searching for|want|would like|require|lack|lacking|missing|no one|nobody|noone|don't have|do not have|haven't got|have no|has no|but not|but no|someone|somebody|anyone|a partner who|the other half|can't|cannot|can not|unable to|not able to|the (?:bit|part) (?:we|i)|but)\b/i;

export function readNeed(text: string): NeedReading {
  // Curly apostrophes ("I’m", "we’ve") read like straight ones.
  const need = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const has = hasCue.exec(need);
  if (!has) return { ask: need, has: null };
  const hasStart = has.index;
  const afterHas = hasStart + has[0].length;
  const askAfter = askCue.exec(need.slice(afterHas));
  if (askAfter) {
    // What they have ends with its sentence: "We've got cameras on the ward. Could a computer spot a fall …" asks
    // from "Could", not from "someone" further on.
    const sentenceEnd = need.slice(afterHas).search(/[.;!?]\s+\S/);
    const askStart =
      sentenceEnd >= 0 && sentenceEnd < askAfter.index
        ? afterHas + sentenceEnd + 1
        : afterHas + askAfter.index;
    const hasText = need.slice(hasStart, askStart);
    const ask = `${need.slice(0, hasStart)} ${need.slice(askStart)}`.trim();
    return ask.length > 0 ? { ask, has: hasText } : { ask: need, has: null };
  }
  // "I need Y; we already have X": what follows the cue, up to the end of its sentence, is what they have.
  const before = need.slice(0, hasStart);
  if (!askCue.test(before)) return { ask: need, has: null };
  const end = need.slice(afterHas).search(/[.;!?]/);
  const hasEnd = end < 0 ? need.length : afterHas + end;
  return { ask: `${before} ${need.slice(hasEnd)}`.trim(), has: need.slice(hasStart, hasEnd) };
}

export interface AskSplit {
  /** What comes before the words that ask ("On our ward we have many falls at night."), or "". */
  before: string;
  /** From the words that ask on ("Is there anyone who could use cameras to spot a fall?"). */
  ask: string;
}

// "is there anyone who", "we need", "looking for", "someone to", "who could help us", "how can we".
const askStart =
  /\b(?:is there (?:anyone|anybody|someone|somebody)|(?:we|i)(?: need| want| would like|'d like| would love|'d love| are looking| am looking|'re looking|'m looking| are hoping| am hoping)|looking for|hoping to find|seeking|searching for|anyone|anybody|someone|somebody|a person|who (?:can|could|would) help|(?:can|could) (?:you|anyone|someone) help|help (?:us|me) (?:to |with )?|how (?:do|can|could|should) (?:we|i))\b/gi;

/**
 * Splits a need where a new sentence or clause starts asking for someone ("On our ward we see many falls at night.
 * Is there anyone who …", "… within a month, and I want someone who …"). The whole need is the ask when it asks from its first words, asks twice, or asks
 * mid-clause ("how many patients we need to …").
 */
export function splitAsk(text: string): AskSplit {
  const need = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const whole = { before: "", ask: need };
  for (const cue of need.matchAll(askStart)) {
    const before = need.slice(0, cue.index);
    if (before.trim() === "") return whole;
    if (!/(?:[.?!;:,\u2013\u2014]|\s-|\b(?:and|but|so))\s*$/i.test(before)) continue;
    return { before, ask: need.slice(cue.index) };
  }
  return whole;
}

// "Biostatistician with trial experience looking for a neonatal team", "Trial-based economist seeking a trial to join".
const selfIntroduction =
  /^\s*(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:(?:i am|i'm|im|we are|we're)\s+)?(.{3,120}?)[\s,;:\u2013\u2014-]+(?:looking for|looking to|seeking|searching for|in search of|keen to find|hoping to find|wanting|wants|would like|needs?)\b(.+)$/i;

/**
 * Reads a need that opens with who the requester is, with no "I have" ("Trial-based economist looking for a trial to
 * join"): the opening may be what the requester brings. Whether it is, only their own profile can tell (see
 * `suggest`); null when the need does not open that way.
 */
export function readSelfIntroduction(text: string): NeedReading | null {
  const need = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const found = selfIntroduction.exec(need);
  if (!found) return null;
  const has = found[1]!.trim();
  const ask = found[2]!.trim();
  if (has.split(/\s+/).length > 12 || ask.length === 0 || askCue.test(has)) return null;
  return { ask, has };
}
