import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { accessTokenFromQuery } from './access-token.middleware.js';
import { SseController } from './sse.controller.js';
import { SseHub } from './sse-hub.js';

/** GET /api/v1/events (api role): the live console and integration stream (CONTRACT.md §3). */
@Module({ controllers: [SseController], providers: [SseHub] })
export class SseModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(accessTokenFromQuery).forRoutes({ path: 'events', method: RequestMethod.GET });
  }
}
