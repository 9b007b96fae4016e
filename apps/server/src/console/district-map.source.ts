import { Injectable, type OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { districtMap } from '../../../../seeds/src/district-map.js';
import { AppConfig } from '../config/app-config.js';

/** A GeoJSON FeatureCollection as the console draws it (outline, street offices, streets, river, places). */
export interface BaseMap {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> | null }[];
}

/**
 * The offline base map under the assets: MAP_DISTRICT_FILE when set, else the sample city's district
 * (seeds/src/district-map.ts). Loaded once at boot; a file that is not a FeatureCollection stops the
 * process with a message naming the variable, like any bad configuration.
 */
@Injectable()
export class DistrictMapSource implements OnModuleInit {
  private map!: BaseMap;

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const file = this.config.console.districtFile;
    this.map = file ? await readBaseMap(file) : districtMap();
  }

  get(): BaseMap {
    return this.map;
  }
}

async function readBaseMap(file: string): Promise<BaseMap> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`MAP_DISTRICT_FILE=${file}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const collection = parsed as Partial<BaseMap> | null;
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    throw new Error(`MAP_DISTRICT_FILE=${file}: not a GeoJSON FeatureCollection`);
  return collection as BaseMap;
}
