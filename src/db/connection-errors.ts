// Turns a failure to reach PostgreSQL into one line that names DATABASE_URL, the cause and what to do.

/** How long a connection to PostgreSQL may take (TCP and handshake) before it fails: postgres.js `connect_timeout`. */
export const CONNECT_TIMEOUT_SECONDS = 10;

/** The URL without its password, to name in a message. */
export function safeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** The error that holds the driver's code: drizzle wraps driver errors in "Failed query: …" with the driver's as cause. */
function driverError(error: unknown): { code?: string; message: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string") return { code, message: current.message };
    current = current.cause;
  }
  return null;
}

/**
 * One line for an error met while connecting to DATABASE_URL, or null when the error is not about reaching the
 * database (a failed migration, a bug): those keep their own message.
 */
export function describeConnectionError(error: unknown, url: string): string | null {
  const found = driverError(error);
  if (!found) return null;
  const where = `DATABASE_URL (${safeDatabaseUrl(url)})`;
  const host = (() => {
    try {
      return new URL(url).hostname;
    } catch {
      return "the host";
    }
  })();
  switch (found.code) {
    case "ECONNREFUSED":
      return `${where} refuses connections (ECONNREFUSED): start PostgreSQL there or fix the host and port; unset DATABASE_URL to use the embedded database.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${where} names a host that cannot be found (${found.code}: ${host}): fix the host name.`;
    case "CONNECT_TIMEOUT":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} did not answer within ${CONNECT_TIMEOUT_SECONDS} s (${found.code}): check the host, the port and any firewall between here and there.`;
    case "3D000":
      return `${where}: ${found.message} (3D000): create it (e.g. \`createdb\`) or fix the database name at the end of the URL.`;
    case "28P01":
    case "28000":
      return `${where}: ${found.message} (${found.code}): fix the user name and password in the URL, or the server's pg_hba.conf.`;
    case "ECONNRESET":
    case "CONNECTION_CLOSED":
    case "CONNECTION_ENDED":
    case "CONNECTION_DESTROYED":
      return `${where} closed the connection (${found.code}): check that it is a PostgreSQL server and that it accepts this client.`;
    default:
      return null;
  }
}
