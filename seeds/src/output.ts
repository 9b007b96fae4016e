import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeedCity } from './types.js';

/** File names `generate` writes, in the shapes the HTTP API takes (CONTRACT.md §3). */
export const FILES = {
  ownerUnits: 'owner-units.json',
  assets: 'assets.geojson',
  devices: 'devices.json',
  district: 'district.geojson',
} as const;

/** Pretty-printed up to this many items (reviewable diffs); compact above (50k-device files stay small). */
const PRETTY_LIMIT = 5_000;

export function serialize(value: unknown, items: number): string {
  return `${items <= PRETTY_LIMIT ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}

/** Writes the four seed files into `dir` (created if missing) and returns their paths. */
export async function writeCity(city: SeedCity, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const size = Math.max(city.assets.features.length, city.devices.length);
  const files: [string, unknown][] = [
    [FILES.ownerUnits, city.ownerUnits],
    [FILES.assets, city.assets],
    [FILES.devices, city.devices],
    [FILES.district, city.district],
  ];
  const paths: string[] = [];
  for (const [name, value] of files) {
    const path = join(dir, name);
    await writeFile(path, serialize(value, size), 'utf8');
    paths.push(path);
  }
  return paths;
}
