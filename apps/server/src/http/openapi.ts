import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `City lifeline monitoring API (CONTRACT.md §3).

Every /api/v1 route needs \`Authorization: Bearer <token>\`; tokens are issued by POST /api/v1/tokens (admin).
Roles:
- **admin**: everything, including tokens and owner units;
- **monitor**: the monitoring room; reads everything, works alarms, reads the audit log;
- **operator**: third-party operations staff; maintains assets and devices;
- **utility**: a utility's integration, scoped to one owner unit: it sees only that unit's assets and
  devices, and gets 404 for anyone else's;
- **auditor**: read-only, including the audit log.

Errors are RFC 9457 \`application/problem+json\` with \`type\`, \`title\`, \`status\`, \`detail\`, \`instance\`, a
machine-readable \`code\`, and \`errors[]\` (\`{ field, message }\`, plus \`row\` for bulk imports) for
invalid input: 400 for a malformed request, 422 for a well-formed one that breaks the registry's rules.
/health/* and /metrics need no token; expose /metrics to the Prometheus scraper only.`;

/** Serves the OpenAPI document at /api/docs (UI) and /api/docs-json. */
export function setupOpenApi(app: INestApplication, publicUrl: string): void {
  const config = new DocumentBuilder()
    .setTitle('Lifeline API')
    .setDescription(DESCRIPTION)
    .setVersion('v1')
    .addServer(publicUrl)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (`ll_…`) or ADMIN_TOKEN' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('api/docs', app, document, { customSiteTitle: 'Lifeline API' });
}
