// One transaction across stores: inside `inOneTransaction`, every store built on the same database joins it.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "./client.ts";

// A button's press is recorded in the same transaction as the change it makes, and that change is made by the
// feature's own stores (mentoring, intros, digests, …), each holding the database it was built with. Rather than
// thread a transaction through every port, the database the stores hold looks up the transaction this async call
// chain has opened and answers through it (a nested `transaction` becomes a savepoint). On PGlite, one connection,
// this is also what keeps a store call inside the transaction from waiting on the transaction itself.
interface Scope {
  root: Db;
  tx: Db;
}

const scopes = new AsyncLocalStorage<Scope>();
const roots = new WeakMap<object, Db>();

/** The database as stores should hold it: joins the transaction `inOneTransaction` opened on it, if any. */
export function joinable(db: Db): Db {
  const proxy = new Proxy(db, {
    get(target, property) {
      const scope = scopes.getStore();
      const base = scope && scope.root === target ? scope.tx : target;
      const value: unknown = Reflect.get(base, property, base);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(base) : value;
    },
  });
  roots.set(proxy, db);
  return proxy;
}

/** Runs `work` in one transaction that every store on `db` (made `joinable`) joins until it settles. */
export function inOneTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const root = roots.get(db) ?? db;
  return db.transaction((tx) =>
    scopes.run({ root, tx: tx as unknown as Db }, () => work(tx as unknown as Db)),
  );
}
