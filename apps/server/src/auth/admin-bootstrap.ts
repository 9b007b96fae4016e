import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { sha256Hex } from '../common/secrets.js';
import { TokenRepository } from './token.repository.js';

/** Turns ADMIN_TOKEN into an active admin token at boot (CONTRACT.md §5), stored hashed like any other. */
@Injectable()
export class AdminBootstrap implements OnModuleInit {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly tokens: TokenRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    const token = this.config.auth.adminToken;
    if (!token) {
      this.logger.warn(
        'ADMIN_TOKEN is not set: no admin token is bootstrapped (set it outside a throw-away demo)',
      );
      return;
    }
    await this.tokens.upsertBootstrapAdmin(sha256Hex(token));
    this.logger.log('admin token from ADMIN_TOKEN is active');
  }
}
