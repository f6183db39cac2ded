import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/compact');
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(c.PORT).toBe(3000);
    expect(c.QUEUE_PREFIX).toBe('compact');
    expect(c.OUTPUT_DIR).toBe('./out');
  });
  it('names each bad variable on one line', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect(e.message).toContain('DATABASE_URL: must be a postgres:// URL');
      expect(e.message).toContain('PORT: must be a whole number');
      expect(e.message).not.toContain('\n');
    }
  });
  it('refuses a short ADMIN_TOKEN', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN: must be at least 16 characters/);
  });
});
