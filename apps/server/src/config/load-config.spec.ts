import { ConfigError, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults (CONTRACT.md §5)', () => {
    expect(loadConfig({})).toEqual({
      http: { port: 3000, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:3000' },
      log: { level: 'info' },
      roles: { ingest: true, api: true, dispatcher: true },
      auth: { adminToken: undefined },
      database: { url: 'postgres://postgres@127.0.0.1:5433/lifeline' },
      influx: {
        url: 'http://127.0.0.1:8086',
        db: 'lifeline',
        token: undefined,
        batchSize: 5000,
        flushMs: 200,
        maxInflight: 4,
        spoolDir: '.data/spool',
      },
      mqtt: { port: 1883, host: '127.0.0.1', url: undefined, username: undefined, password: undefined },
      telemetry: { retentionDays: 30, futureToleranceS: 300 },
      console: {
        dir: 'apps/console/dist',
        tileUrl: undefined,
        tileAttribution: undefined,
        districtFile: undefined,
      },
      // WEBHOOK_* defaults: webhook-config.spec.ts.
      webhooks: expect.objectContaining({ timeoutMs: 15_000 }),
    });
  });

  it('takes a basemap tile template with {z}/{x}/{y} and refuses anything else', () => {
    const tileUrl = 'https://{s}.tiles.example.org/{z}/{x}/{y}.png';
    expect(loadConfig({ CONSOLE_TILE_URL: tileUrl }).console.tileUrl).toBe(tileUrl);
    expect(() => loadConfig({ CONSOLE_TILE_URL: 'https://tiles.example.org/tile.png' })).toThrow(
      /CONSOLE_TILE_URL/,
    );
    expect(() => loadConfig({ CONSOLE_TILE_URL: 'javascript:{z}{x}{y}' })).toThrow(/CONSOLE_TILE_URL/);
  });

  it('converts and nests the variables it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      LIFELINE_ROLES: 'ingest, api',
      INFLUX_BUCKET: 'city',
      INFLUX_MAX_INFLIGHT: '2',
      MQTT_URL: 'mqtt://broker.local:1883',
      PUBLIC_URL: 'https://lifeline.example.org/',
      ADMIN_TOKEN: 'a-long-enough-admin-token',
      UNRELATED: 'ignored',
    });
    expect(config.http).toEqual({ port: 8080, host: '127.0.0.1', publicUrl: 'https://lifeline.example.org' });
    expect(config.roles).toEqual({ ingest: true, api: true, dispatcher: false });
    expect(config.influx).toMatchObject({ db: 'city', maxInflight: 2 });
    expect(config.mqtt.url).toBe('mqtt://broker.local:1883');
    expect(config.auth.adminToken).toBe('a-long-enough-admin-token');
  });

  it('prefers INFLUX_DB over its alias INFLUX_BUCKET, and treats empty values as unset', () => {
    expect(loadConfig({ INFLUX_DB: 'a', INFLUX_BUCKET: 'b', PORT: '' }).influx.db).toBe('a');
    expect(loadConfig({ PORT: '  ' }).http.port).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['LIFELINE_ROLES', 'api,web'],
    ['DATABASE_URL', 'mysql://x'],
    ['INFLUX_URL', 'not a url'],
    ['INFLUX_BATCH_SIZE', '0'],
    ['MQTT_URL', 'http://broker'],
    ['TELEMETRY_RETENTION_DAYS', '1.5'],
    ['ADMIN_TOKEN', 'short'],
  ])('stops on a bad %s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  it('reports every bad variable at once and never prints a secret', () => {
    try {
      loadConfig({ PORT: 'x', MQTT_PORT: 'y', ADMIN_TOKEN: 'hunter2' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(3);
      expect((error as ConfigError).message).not.toContain('hunter2');
    }
  });
});
