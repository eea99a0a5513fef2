import type { TenantUser } from "../directory/model";
import { GraphError } from "./graph-errors";

/** The properties Graph returns for a user without $select, in Graph's order (§8.1). */
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

/** What User.ReadBasic.All may read; everything else comes back null. */
const BASIC_PROPERTIES = new Set(["displayName", "givenName", "surname", "mail", "userPrincipalName", "id"]);

const SELECTABLE = new Set<string>([...DEFAULT_PROPERTIES, "userType", "accountEnabled", "otherMails"]);

const FILTERABLE = new Set([
  "displayName",
  "givenName",
  "surname",
  "mail",
  "userPrincipalName",
  "id",
  "jobTitle",
  "userType",
]);

export function userProperties(user: TenantUser): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: user.userType === "Member" ? "en-US" : null,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.oid,
    userType: user.userType,
    accountEnabled: true,
    otherMails: user.userType === "Guest" && user.mail ? [user.mail] : [],
  };
}

export function parseSelect(select: string | null): string[] | undefined {
  if (!select) return undefined;
  const names = select
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!SELECTABLE.has(name)) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
      );
    }
  }
  return names;
}

export function shapeUser(user: TenantUser, select: string[] | undefined, basicOnly: boolean): Record<string, unknown> {
  const all = userProperties(user);
  const out: Record<string, unknown> = {};
  for (const name of select ?? DEFAULT_PROPERTIES) {
    const value = all[name];
    out[name] = basicOnly && !BASIC_PROPERTIES.has(name) ? (Array.isArray(value) ? [] : null) : value;
  }
  return out;
}

type Predicate = (user: TenantUser) => boolean;

function propertyValue(user: TenantUser, property: string): string {
  const value = userProperties(user)[property];
  return typeof value === "string" ? value.toLowerCase() : "";
}

/**
 * The $filter subset people use on users: `startswith(prop,'x')`, `prop eq 'x'`, and (advanced
 * queries, with ConsistencyLevel: eventual) `endswith(prop,'x')`, joined by `and` / `or`.
 */
export function parseFilter(filter: string, advanced: boolean): Predicate {
  const clause =
    /^\s*(?:(startswith|endswith)\(\s*(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)|(\w+)\s+eq\s+'((?:[^']|'')*)')\s*/i;
  const alternatives: Predicate[][] = [[]];
  let rest = filter;
  for (;;) {
    const m = clause.exec(rest);
    if (!m) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
    const fn = m[1]?.toLowerCase();
    const property = m[2] ?? m[4] ?? "";
    const value = (m[3] ?? m[5] ?? "").replace(/''/g, "'").toLowerCase();
    if (!FILTERABLE.has(property)) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query filter clause specified for property '${property}' of resource 'User'.`,
      );
    }
    if (fn === "endswith" && !advanced) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Operator 'endsWith' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header.`,
      );
    }
    const predicate: Predicate =
      fn === "startswith"
        ? (u) => propertyValue(u, property).startsWith(value)
        : fn === "endswith"
          ? (u) => propertyValue(u, property).endsWith(value)
          : (u) => propertyValue(u, property) === value;
    alternatives.at(-1)?.push(predicate);
    rest = rest.slice(m[0].length);
    if (!rest.trim()) break;
    const join = /^(and|or)\s+/i.exec(rest);
    if (!join) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
    if (join[1]?.toLowerCase() === "or") alternatives.push([]);
    rest = rest.slice(join[0].length);
  }
  return (user) => alternatives.some((all) => all.every((p) => p(user)));
}

const SEARCHABLE = new Set(["displayName", "givenName", "surname", "mail", "userPrincipalName", "jobTitle"]);

/**
 * $search="displayName:adel" (quoted clauses, OR/AND): Graph tokenizes values and matches
 * word prefixes, case-insensitively.
 */
export function parseSearch(search: string): Predicate {
  const clause = /^\s*"(\w+):([^"]*)"\s*/;
  const alternatives: Predicate[][] = [[]];
  let rest = search;
  for (;;) {
    const m = clause.exec(rest);
    if (!m)
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        'Syntax error: invalid $search value. Use "property:value" clauses in double quotes.',
      );
    const property = m[1] ?? "";
    const term = (m[2] ?? "").toLowerCase();
    if (!SEARCHABLE.has(property)) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query search clause specified for property '${property}' of resource 'User'.`,
      );
    }
    alternatives.at(-1)?.push((u) =>
      propertyValue(u, property)
        .split(/[\s@._\-#]+/)
        .some((word) => word.startsWith(term)),
    );
    rest = rest.slice(m[0].length);
    if (!rest.trim()) break;
    const join = /^(AND|OR)\s+/.exec(rest);
    if (!join) throw new GraphError(400, "Request_UnsupportedQuery", "Syntax error: invalid $search value.");
    if (join[1] === "OR") alternatives.push([]);
    rest = rest.slice(join[0].length);
  }
  return (user) => alternatives.some((all) => all.every((p) => p(user)));
}

export function parseTop(top: string | null): number {
  if (top === null) return 100;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1 || n > 999) {
    throw new GraphError(
      400,
      "Request_BadRequest",
      `Invalid page size specified: '${top}'. Must be between 1 and 999 inclusive.`,
    );
  }
  return n;
}

export function sortUsers(users: TenantUser[], orderBy: string | null): TenantUser[] {
  if (!orderBy) return users;
  const m = /^(displayName|userPrincipalName)(?:\s+(asc|desc))?$/i.exec(orderBy.trim());
  if (!m?.[1]) throw new GraphError(400, "Request_UnsupportedQuery", "Unsupported Query.");
  const property = m[1];
  const direction = m[2]?.toLowerCase() === "desc" ? -1 : 1;
  return [...users].sort((a, b) => direction * propertyValue(a, property).localeCompare(propertyValue(b, property)));
}
