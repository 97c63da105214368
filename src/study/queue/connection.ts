/**
 * Redis connections of the distributed mode. The URL passes to ioredis as given (redis://user:password@host:port/db,
 * rediss:// for TLS); pimsyn only checks its form, redacts the password in messages, and checks that the server
 * answers before a worker or a sweep starts (a wrong URL is the user's to fix: one line, exit 2).
 */
import { Redis } from "ioredis";
import { UserError } from "../../errors.ts";

/** BullMQ key prefix and queue name: every pimsyn job of every study shares one queue (ids are content hashes). */
export const QUEUE_PREFIX = "pimsyn";
export const QUEUE_NAME = "synth";

export interface QueueTarget {
  url: string;
  /** The URL without its password, for messages. */
  shown: string;
}

export function parseQueueUrl(text: string, option = "--queue"): QueueTarget {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(`expected a Redis URL like redis://host:6379 or rediss://:password@host:6380, found ${JSON.stringify(redact(text))}`, { pointer: option });
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new UserError(`expected a redis:// or rediss:// URL, found the scheme "${u.protocol.replace(/:$/, "")}"`, { pointer: option });
  if (!u.hostname) throw new UserError("expected a host in the Redis URL (redis://host:6379)", { pointer: option });
  const db = u.pathname.replace(/^\//, "");
  if (db !== "" && !/^\d{1,2}$/.test(db)) throw new UserError(`expected a database number 0-99 after the host, found "/${db}"`, { pointer: option });
  return { url: text, shown: redactUrl(u) };
}

function redactUrl(u: URL): string {
  const copy = new URL(u.href);
  if (copy.password) copy.password = "***";
  return copy.href.replace(/\/$/, "");
}

/** A string that failed to parse may still hold a password: hide what sits between ':' and '@'. */
function redact(text: string): string {
  return text.replace(/:[^:@/]*@/, ":***@").slice(0, 200);
}

/** Options for BullMQ's connections (`maxRetriesPerRequest: null` is what BullMQ workers require). */
export function connectionOptions(target: QueueTarget) {
  return { url: target.url, maxRetriesPerRequest: null };
}

/** Connect once, PING, disconnect; any failure is a one-line UserError naming the (redacted) URL. */
export async function checkReachable(target: QueueTarget, timeoutMs = 5000, option = "--queue"): Promise<void> {
  const client = new Redis(target.url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // ioredis rejects connect() with "Connection is closed"; the cause (ECONNREFUSED, ENOTFOUND, TLS) comes as an event.
  let cause: Error | undefined;
  client.on("error", (e: Error) => {
    cause ??= e;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (e) {
    const msg = (cause ?? (e as Error)).message.split("\n")[0].replace(target.url, target.shown);
    throw new UserError(`cannot reach Redis at ${target.shown} (${msg})`, { pointer: option });
  } finally {
    client.disconnect();
  }
}
