// Stores imported papers, their MeSH descriptors and authors in bulk (unnest of array parameters: a few per statement).
import { inArray, sql } from "drizzle-orm";
import type { KnownPerson, MatchedPublication } from "../core/publications/match-authors.ts";
import { titleKey } from "../core/publications/publication-record.ts";
import type { Db } from "./client.ts";
import { arrayLiteral } from "./pg-array.ts";
import { rowsOf } from "./rows.ts";
import { people, publicationAuthors, publicationMesh, publications } from "./schema.ts";

/** Everyone an author could be: id, email, name and ORCID iD. */
export async function knownPeople(db: Db): Promise<KnownPerson[]> {
  return db
    .select({ id: people.id, email: people.email, name: people.name, orcid: people.orcid })
    .from(people);
}

export interface SaveResult {
  created: number;
  updated: number;
  /** The people whose papers changed. */
  personIds: Set<string>;
}

function keyOf(item: MatchedPublication): string {
  const { record } = item;
  if (record.pmid) return `pmid:${record.pmid}`;
  if (record.doi) return `doi:${record.doi}`;
  return `title:${titleKey(record.title, record.year)}`;
}

/**
 * One entry per paper (the same PMID, else the same DOI): a repeated complete record replaces the earlier one,
 * a partial one adds its authors, and a record with a DOI only joins the one with that DOI and a PMID.
 */
function dedupe(items: readonly MatchedPublication[]): MatchedPublication[] {
  const kept: MatchedPublication[] = [];
  const byKey = new Map<string, number>();
  for (const item of items) {
    const { pmid, doi } = item.record;
    const keys = [pmid && `pmid:${pmid}`, doi && `doi:${doi}`, !pmid && !doi && keyOf(item)].filter(
      (k): k is string => Boolean(k),
    );
    const at = keys.map((k) => byKey.get(k)).find((i) => i !== undefined);
    if (at === undefined) {
      for (const k of keys) byKey.set(k, kept.length);
      kept.push(item);
      continue;
    }
    const earlier = kept[at]!;
    const [main, extra] =
      item.record.completeAuthors && !earlier.record.completeAuthors ? [item, earlier] : [earlier, item];
    if (extra.record.completeAuthors && extra === item) {
      kept[at] = item;
    } else {
      const known = new Set(main.authors.map((a) => a.personId ?? a.orcid));
      const added = extra.authors.filter((a) => a.personId && !known.has(a.personId ?? a.orcid));
      main.authors.push(...added.map((a, i) => ({ ...a, position: main.authors.length + i + 1 })));
      kept[at] = main;
    }
    for (const k of keys) byKey.set(k, at);
  }
  return kept;
}

interface Existing {
  id: string;
  pmid: string | null;
  doi: string | null;
  title_key: string;
}

async function findExisting(tx: Db, items: readonly MatchedPublication[]): Promise<Existing[]> {
  const pmids = items.flatMap((i) => (i.record.pmid ? [i.record.pmid] : []));
  const dois = items.flatMap((i) => (i.record.doi ? [i.record.doi] : []));
  const keys = items.map((i) => titleKey(i.record.title, i.record.year));
  const result = await tx.execute(sql`
    select id, pmid, doi, title_key from ${publications}
    where pmid = any(${arrayLiteral(pmids)}::text[]) or doi = any(${arrayLiteral(dois)}::text[])
       or title_key = any(${arrayLiteral(keys)}::text[])`);
  return rowsOf<Existing>(result);
}

/**
 * Saves papers that name at least one person, inside the caller's transaction: new ones are inserted, known ones
 * (same PMID, else DOI, else title and year) updated. A complete byline replaces the stored one (a person who
 * claimed the paper from their ORCID list stays, and everyone keeps their hidden flag); a partial one adds its
 * person. The caller marks the people whose papers changed (`touchPeople`), once for a whole import.
 */
export async function savePublications(tx: Db, batch: readonly MatchedPublication[]): Promise<SaveResult> {
  const items = dedupe(batch);
  const existing = await findExisting(tx, items);
  const byPmid = new Map(existing.filter((e) => e.pmid).map((e) => [e.pmid!, e]));
  const byDoi = new Map(existing.filter((e) => e.doi).map((e) => [e.doi!, e]));
  const byTitle = new Map(existing.map((e) => [e.title_key, e]));
  const idOf = new Map<MatchedPublication, string>();
  const fresh: MatchedPublication[] = [];
  for (const item of items) {
    const { pmid, doi, title, year } = item.record;
    const found =
      (pmid && byPmid.get(pmid)) ||
      (doi && byDoi.get(doi)) ||
      (!pmid && !doi ? byTitle.get(titleKey(title, year)) : undefined);
    if (found) idOf.set(item, found.id);
    else fresh.push(item);
  }
  // A DOI or PMID already on another row (or on an earlier paper of this batch) is not written twice.
  const takenDois = new Set(existing.flatMap((e) => (e.doi ? [e.doi] : [])));
  const doiFor = new Map<MatchedPublication, string | null>();
  for (const item of items) {
    const doi = item.record.doi;
    doiFor.set(item, doi && !takenDois.has(doi) ? doi : null);
    if (doi) takenDois.add(doi);
  }

  if (fresh.length > 0) {
    const column = <T>(pick: (item: MatchedPublication) => T) =>
      arrayLiteral(fresh.map(pick) as (string | number | null)[]);
    const inserted = rowsOf<Existing>(
      await tx.execute(sql`
        insert into ${publications} (pmid, doi, title_key, title, year, journal)
        select v.pmid, v.doi, v.title_key, v.title, v.year, v.journal
        from unnest(${column((i) => i.record.pmid ?? null)}::text[],
                    ${column((i) => doiFor.get(i) ?? null)}::text[],
                    ${column((i) => titleKey(i.record.title, i.record.year))}::text[],
                    ${column((i) => i.record.title)}::text[],
                    ${column((i) => i.record.year ?? null)}::int[],
                    ${column((i) => i.record.journal ?? null)}::text[])
             as v(pmid, doi, title_key, title, year, journal)
        returning id, pmid, doi, title_key`),
    );
    const freshBy = new Map<string, MatchedPublication>();
    for (const item of fresh) {
      const doi = doiFor.get(item);
      freshBy.set(
        item.record.pmid
          ? `p:${item.record.pmid}`
          : doi
            ? `d:${doi}`
            : `t:${titleKey(item.record.title, item.record.year)}`,
        item,
      );
    }
    for (const row of inserted) {
      const item = freshBy.get(row.pmid ? `p:${row.pmid}` : row.doi ? `d:${row.doi}` : `t:${row.title_key}`);
      if (item) idOf.set(item, row.id);
    }
  }

  const known = items.filter((item) => !fresh.includes(item));
  if (known.length > 0) {
    const column = <T>(pick: (item: MatchedPublication) => T) =>
      arrayLiteral(known.map(pick) as (string | number | null)[]);
    // A PubMed record (complete) is the better source of title and journal; an ORCID work only fills gaps.
    await tx.execute(sql`
      update ${publications} p set
        title = case when v.complete then v.title else p.title end,
        year = coalesce(case when v.complete then v.year end, p.year, v.year),
        journal = coalesce(case when v.complete then v.journal end, p.journal, v.journal),
        pmid = coalesce(p.pmid, v.pmid),
        doi = coalesce(p.doi, v.doi),
        title_key = case when v.complete then v.title_key else p.title_key end,
        updated_at = now()
      from unnest(${column((i) => idOf.get(i)!)}::uuid[], ${column((i) => String(i.record.completeAuthors))}::boolean[],
                  ${column((i) => i.record.title)}::text[], ${column((i) => i.record.year ?? null)}::int[],
                  ${column((i) => i.record.journal ?? null)}::text[],
                  ${column((i) => (i.record.pmid && !byPmid.has(i.record.pmid) ? i.record.pmid : null))}::text[],
                  ${column((i) => doiFor.get(i) ?? null)}::text[],
                  ${column((i) => titleKey(i.record.title, i.record.year))}::text[])
           as v(id, complete, title, year, journal, pmid, doi, title_key)
      where p.id = v.id`);
  }

  const complete = items.filter((i) => i.record.completeAuthors);
  const completeIds = complete.map((i) => idOf.get(i)!);
  await replaceMesh(tx, complete, idOf);
  const personIds = new Set<string>();
  for (const item of items) for (const a of item.authors) if (a.personId) personIds.add(a.personId);

  // Bylines: read who is linked now, so that replacing a byline keeps claims and hidden flags.
  const allIds = items.map((i) => idOf.get(i)!);
  const current =
    allIds.length === 0
      ? []
      : await tx.select().from(publicationAuthors).where(inArray(publicationAuthors.publicationId, allIds));
  const currentOf = new Map<string, (typeof current)[number][]>();
  for (const row of current) {
    const list = currentOf.get(row.publicationId);
    if (list) list.push(row);
    else currentOf.set(row.publicationId, [row]);
  }
  if (completeIds.length > 0) {
    await tx.delete(publicationAuthors).where(inArray(publicationAuthors.publicationId, completeIds));
  }
  const rows: (typeof publicationAuthors.$inferInsert)[] = [];
  for (const item of items) {
    const id = idOf.get(item)!;
    const before = currentOf.get(id) ?? [];
    const hiddenBy = new Set(before.filter((r) => r.hidden && r.personId).map((r) => r.personId!));
    if (item.record.completeAuthors) {
      const linked = new Set<string>();
      for (const a of item.authors) {
        rows.push({ publicationId: id, ...a, hidden: a.personId ? hiddenBy.has(a.personId) : false });
        if (a.personId) linked.add(a.personId);
      }
      let position = item.authors.length;
      for (const claim of before) {
        if (!claim.personId || linked.has(claim.personId)) continue;
        linked.add(claim.personId);
        personIds.add(claim.personId);
        rows.push({ ...claim, publicationId: id, position: ++position });
      }
    } else {
      let position = before.reduce((max, r) => Math.max(max, r.position), 0);
      for (const a of item.authors) {
        if (!a.personId) continue;
        const same = before.find((r) => r.personId === a.personId || (a.orcid && r.orcid === a.orcid));
        if (same) {
          if (same.personId !== a.personId) {
            await tx.execute(sql`
              update ${publicationAuthors} set person_id = ${a.personId}, orcid = coalesce(orcid, ${a.orcid})
              where publication_id = ${id} and position = ${same.position}`);
          }
          continue;
        }
        rows.push({
          publicationId: id,
          position: ++position,
          name: a.name,
          orcid: a.orcid,
          personId: a.personId,
        });
      }
    }
  }
  for (let start = 0; start < rows.length; start += 2000) {
    const chunk = rows.slice(start, start + 2000);
    const column = <T>(pick: (row: (typeof rows)[number]) => T) =>
      arrayLiteral(chunk.map(pick) as (string | number | null)[]);
    await tx.execute(sql`
      insert into ${publicationAuthors} (publication_id, position, name, orcid, person_id, hidden)
      select * from unnest(${column((r) => r.publicationId)}::uuid[], ${column((r) => r.position)}::int[],
                           ${column((r) => r.name)}::text[], ${column((r) => r.orcid ?? null)}::text[],
                           ${column((r) => r.personId ?? null)}::uuid[], ${column((r) => String(r.hidden ?? false))}::boolean[])`);
  }
  return { created: fresh.length, updated: known.length, personIds };
}

async function replaceMesh(
  tx: Db,
  items: readonly MatchedPublication[],
  idOf: Map<MatchedPublication, string>,
) {
  if (items.length === 0) return;
  const ids = items.map((i) => idOf.get(i)!);
  await tx.delete(publicationMesh).where(inArray(publicationMesh.publicationId, ids));
  const rows: { id: string; descriptor: string; major: boolean }[] = [];
  for (const item of items) {
    const major = new Map<string, boolean>();
    for (const m of item.record.mesh) major.set(m.descriptor, (major.get(m.descriptor) ?? false) || m.major);
    for (const [descriptor, isMajor] of major) rows.push({ id: idOf.get(item)!, descriptor, major: isMajor });
  }
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000);
    await tx.execute(sql`
      insert into ${publicationMesh} (publication_id, descriptor, major)
      select * from unnest(${arrayLiteral(chunk.map((r) => r.id))}::uuid[],
                           ${arrayLiteral(chunk.map((r) => r.descriptor))}::text[],
                           ${arrayLiteral(chunk.map((r) => String(r.major)))}::boolean[])`);
  }
}

/**
 * People whose papers changed get a new updated_at, so every instance's match index reads them again: once per
 * import, not per batch (each update writes a new version of every row and its index entries).
 */
export async function touchPeople(tx: Db, personIds: ReadonlySet<string>): Promise<void> {
  if (personIds.size === 0) return;
  await tx.execute(sql`
    update ${people} set updated_at = clock_timestamp() where id = any(${arrayLiteral([...personIds])}::uuid[])`);
}
