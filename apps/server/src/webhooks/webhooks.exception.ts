import { AppException } from '../errors/app.exception.js';

export type WebhookErrorCode =
  | 'WEBHOOK_ENDPOINT_NOT_FOUND'
  | 'WEBHOOK_DELIVERY_NOT_FOUND'
  | 'WEBHOOK_URL_REFUSED'
  | 'WEBHOOK_ENDPOINT_INVALID'
  | 'WEBHOOK_REPLAY_INVALID'
  | 'WEBHOOK_SECRET_UNREADABLE';

/** Errors of webhook endpoints, deliveries and replays. */
export class WebhookException extends AppException<WebhookErrorCode> {}
