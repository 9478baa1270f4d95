// Public holidays by country and region, from date-holidays (maintained rules, not a hand-written table).
//
// Only holidays of type "public" count: observances (Mother's Day), optional days (Christmas Eve in the US),
// bank-only and school holidays are working days for the bot. A region is date-holidays' state code (ISO 3166-2
// subdivision: GB-SCT → "SCT", DE-BY → "BY", AU-VIC → "VIC").
import Holidays from "date-holidays";

const byCalendar = new Map<string, ReadonlySet<string>>();

const normal = (code: string | null | undefined): string => (code ?? "").trim().toUpperCase();

/** The YYYY-MM-DD dates of the year's public holidays for the country (and region, when given); cached. */
export function publicHolidays(year: number, country: string, region?: string | null): ReadonlySet<string> {
  const key = `${normal(country)}-${normal(region)}-${year}`;
  let dates = byCalendar.get(key);
  if (!dates) {
    const calendar = region ? new Holidays(normal(country), normal(region)) : new Holidays(normal(country));
    const found = calendar.getHolidays(year) || [];
    dates = new Set(found.filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    if (byCalendar.size < 5000) byCalendar.set(key, dates);
  }
  return dates;
}

/** Whether the calendar date (YYYY-MM-DD) is a public holiday there; false when no country is known. */
export function isPublicHoliday(date: string, country?: string | null, region?: string | null): boolean {
  if (!country) return false;
  return publicHolidays(Number(date.slice(0, 4)), country, region).has(date);
}

/** A country (ISO 3166-1 alpha-2) and region as the library knows them, upper-cased; or what is wrong. */
export function checkCountry(
  country: string,
  region?: string | null,
): { ok: true; country: string; region: string | null } | { ok: false; reason: string } {
  const code = normal(country);
  const directory = new Holidays();
  const countries = directory.getCountries("en") ?? {};
  if (!/^[A-Z]{2}$/.test(code) || !(code in countries)) {
    return {
      ok: false,
      reason: `I don't know the country "${country.trim()}": use a two-letter code like GB, DE, US, AU or IN.`,
    };
  }
  const state = normal(region);
  if (!state) return { ok: true, country: code, region: null };
  const states = directory.getStates(code) ?? {};
  if (!(state in states)) {
    const known = Object.keys(states);
    return {
      ok: false,
      reason:
        known.length === 0
          ? `${countries[code]} has no regions with their own holidays: leave the region empty.`
          : `I don't know the region "${region?.trim()}" in ${countries[code]}: use one of ${known.join(", ")}.`,
    };
  }
  return { ok: true, country: code, region: state };
}

let zoneCountries: Map<string, string | null> | undefined;

/**
 * The country a time zone lies in, when only one country uses it (Europe/Berlin → DE, America/New_York → US);
 * never a region: a zone does not tell England from Scotland, nor Bavaria from Berlin.
 */
export function countryForZone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  if (!zoneCountries) {
    zoneCountries = new Map();
    const directory = new Holidays();
    for (const code of Object.keys(directory.getCountries("en") ?? {})) {
      for (const tz of new Holidays(code).getTimezones() ?? []) {
        const seen = zoneCountries.get(tz);
        zoneCountries.set(tz, seen === undefined || seen === code ? code : null);
      }
    }
  }
  return zoneCountries.get(zone.trim()) ?? null;
}
