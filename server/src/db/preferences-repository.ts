import type { Db } from './database';

export type PreferencesRepository = ReturnType<typeof createPreferencesRepository>;

/** Web app preferences per user, as one JSON object each. */
export function createPreferencesRepository(db: Db) {
  const get = db.prepare('SELECT preferences FROM user_preferences WHERE user = ?').pluck();
  const set = db.prepare('INSERT OR REPLACE INTO user_preferences (user, preferences) VALUES (?, ?)');
  return {
    get(user: string): Record<string, unknown> {
      const text = get.get(user) as string | undefined;
      return text === undefined ? {} : (JSON.parse(text) as Record<string, unknown>);
    },
    set(user: string, preferences: Record<string, unknown>): void {
      set.run(user, JSON.stringify(preferences));
    },
  };
}
