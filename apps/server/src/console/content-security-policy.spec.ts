import { consoleCsp, tileSource } from './content-security-policy.js';

describe('consoleCsp', () => {
  it('allows only this origin without a tile server', () => {
    const csp = consoleCsp(undefined);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:;");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe');
  });

  it('adds the tile host to img-src only', () => {
    const csp = consoleCsp('https://tiles.example.org:8443/osm/{z}/{x}/{y}.png');
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.example.org:8443;");
    expect(csp).toContain("connect-src 'self';");
  });
});

describe('tileSource', () => {
  it.each([
    ['https://{s}.tile.example.org/{z}/{x}/{y}.png', 'https://*.tile.example.org'],
    ['http://10.0.0.5:8080/tiles/{z}/{x}/{y}.png', 'http://10.0.0.5:8080'],
  ])('%s → %s', (url, source) => expect(tileSource(url)).toBe(source));
});
