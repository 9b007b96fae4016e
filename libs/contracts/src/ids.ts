/** Branded identifiers (STYLE.md §2): a DeviceId can't be passed where an AssetId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };
export type AssetId = Brand<string, 'AssetId'>;
export type DeviceId = Brand<string, 'DeviceId'>;
export type OwnerUnitId = Brand<string, 'OwnerUnitId'>;

export const asAssetId = (id: string): AssetId => id as AssetId;
export const asDeviceId = (id: string): DeviceId => id as DeviceId;
export const asOwnerUnitId = (id: string): OwnerUnitId => id as OwnerUnitId;

/** Registry ids: letters, digits, '-', '_' and '.'; 1–64 chars. Keeps ids safe inside MQTT topics and tags. */
export const REGISTRY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
