// Writes the one line that says why someone is suggested, from their own profile entries that matched.

export interface ReasonInput {
  role?: string | null;
  careerStage?: string | null;
  institution: string;
  /** Profile entries that matched the need, by field. */
  offers: readonly string[];
  expertise: readonly string[];
  methods: readonly string[];
  /** The candidate's department, when only it matched. */
  department?: string | null;
  /** The candidate is open to mentoring and the need asked for it (or the requester is early in their career). */
  mentoring: boolean;
  /** The candidate's needs that the requester offers or knows. */
  theyNeed: readonly string[];
  /** True when the requester lists what they need among their offers, not only their expertise or methods. */
  youOffer: boolean;
  /** Topics of the candidate's papers that met the need (MeSH descriptors), strongest first. */
  papers?: readonly { term: string; papers: number; from: number; to: number }[];
}

/** MeSH writes "Sepsis" and "Biomarkers"; a sentence writes them in lower case, acronyms kept ("HIV Infections"). */
function meshInSentence(term: string): string {
  return term
    .split(" ")
    .map((word) => (/^[A-Z][a-z]/.test(word) ? word.toLowerCase() : word))
    .join(" ");
}

/** "3 papers on sepsis and biomarkers (2022–2025)": the most papers among the matched topics, over their years. */
export function papersPhrase(topics: NonNullable<ReasonInput["papers"]>): string | null {
  if (topics.length === 0) return null;
  const count = Math.max(...topics.map((t) => t.papers));
  const years = topics.flatMap((t) => [t.from, t.to]).filter((y) => y > 0);
  const from = years.length > 0 ? Math.min(...years) : 0;
  const to = years.length > 0 ? Math.max(...years) : 0;
  const span = from === 0 ? "" : from === to ? ` (${from})` : ` (${from}–${to})`;
  const terms = topics.slice(0, 2).map((t) => clip(meshInSentence(t.term), 40));
  return `${count} ${count === 1 ? "paper" : "papers"} on ${terms.join(" and ")}${span}`;
}

export const reasonMaxLength = 200;

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function list(items: readonly string[]): string {
  const clipped = items.slice(0, 2).map((i) => clip(i, 48));
  return clipped.length === 2 ? `${clipped[0]} and ${clipped[1]}` : (clipped[0] ?? "");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** E.g. "Biostatistician at Northfield University who offers survival analysis; needs cohort access, which you offer." */
export function writeReason(input: ReasonInput): string {
  const who =
    input.role?.trim() || (input.careerStage?.trim() ? `${input.careerStage.trim()} colleague` : "Colleague");
  let line = `${capitalise(clip(who, 60))} at ${clip(input.institution, 60)}`;
  if (input.department && input.offers.length + input.expertise.length + input.methods.length === 0) {
    line += ` in ${clip(input.department, 40)}`;
  }

  const verbs: string[] = [];
  if (input.offers.length > 0) verbs.push(`offers ${list(input.offers)}`);
  if (input.expertise.length > 0) verbs.push(`works on ${list(input.expertise)}`);
  if (input.methods.length > 0) verbs.push(`uses ${list(input.methods)}`);
  const tail: string[] = [];
  const papers = papersPhrase(input.papers ?? []);
  if (papers) tail.push(papers);
  if (input.theyNeed.length > 0) {
    tail.push(`needs ${list(input.theyNeed)}, which you ${input.youOffer ? "offer" : "know"}`);
  }
  if (input.mentoring) tail.push("open to mentoring");

  // Add what fits, most telling first, and keep the line short.
  let fitting = verbs.length;
  const joined = (n: number) => {
    const parts = verbs.slice(0, n);
    const last = parts.pop();
    return parts.length > 0 ? `${parts.join(", ")} and ${last}` : (last ?? "");
  };
  while (fitting > 1 && line.length + joined(fitting).length + 5 > reasonMaxLength) fitting--;
  if (fitting > 0) line += ` who ${joined(fitting)}`;
  for (const part of tail) {
    if (line.length + part.length + 3 > reasonMaxLength) break;
    line += `; ${part}`;
  }
  const clipped = clip(line, reasonMaxLength - 1);
  return clipped.endsWith("…") ? clipped : `${clipped}.`;
}
