import { AppException } from '../errors/app.exception.js';

export type RegistryErrorCode =
  | 'OWNER_UNIT_NOT_FOUND'
  | 'OWNER_UNIT_ALREADY_EXISTS'
  | 'ASSET_NOT_FOUND'
  | 'ASSET_ALREADY_EXISTS'
  | 'ASSET_INVALID'
  | 'DEVICE_NOT_FOUND'
  | 'DEVICE_ALREADY_EXISTS'
  | 'DEVICE_INVALID'
  | 'IMPORT_MALFORMED'
  | 'IMPORT_INVALID';

/** Errors of the registry (owner units, assets, devices, imports). */
export class RegistryException extends AppException<RegistryErrorCode> {}
