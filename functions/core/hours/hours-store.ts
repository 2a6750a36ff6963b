import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db.js';
import { type HoursConfig, parseHoursConfig } from './hours-config.js';

/** An hours file staffed around the clock. */
export const ALWAYS_STAFFED_FILE = {
  timeZone: 'UTC',
  weekly: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
  ),
};

let alwaysStaffedConfig: HoursConfig | undefined;
/**
 * What a deployment without configured hours gets, so that no request for a person is refused. Parsed on first
 * use: validating the time zone loads the ICU zone data, which a Lambda cold start should not wait for.
 */
export const alwaysStaffed = (): HoursConfig =>
  (alwaysStaffedConfig ??= parseHoursConfig(ALWAYS_STAFFED_FILE));

/** The deployment's staffed hours, as ops set them with `frontdesk hours set`. */
export function createHoursStore(db: Db, options: { cacheMs?: number; clock?: () => number } = {}) {
  const { cacheMs = 30_000, clock = Date.now } = options;
  const key = { pk: 'CONFIG', sk: 'HOURS' };
  let cached: { config: HoursConfig; at: number } | undefined;
  return {
    /** The hours in force, read at most every `cacheMs`. */
    async current(): Promise<HoursConfig> {
      if (cached && clock() - cached.at < cacheMs) return cached.config;
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key }));
      const config = Item ? parseHoursConfig(JSON.parse(String(Item.json))) : alwaysStaffed();
      cached = { config, at: clock() };
      return config;
    },

    /** True once hours have been set. */
    async isSet(): Promise<boolean> {
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.table, Key: key }));
      return Item !== undefined;
    },

    /** The hours file as ops last wrote it, or undefined before any was set. */
    async file(): Promise<unknown> {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: db.table, Key: key, ConsistentRead: true }),
      );
      return Item ? JSON.parse(String(Item.json)) : undefined;
    },

    /** Validates and stores an hours file's content; throws HoursConfigError listing every problem. */
    async set(json: unknown): Promise<HoursConfig> {
      const config = parseHoursConfig(json);
      // The file as written is kept, so that ops read back what they wrote.
      await db.doc.send(
        new PutCommand({ TableName: db.table, Item: { ...key, json: JSON.stringify(json) } }),
      );
      cached = undefined;
      return config;
    },
  };
}

/** The hours store's interface, as its factory builds it. */
export type HoursStore = ReturnType<typeof createHoursStore>;
