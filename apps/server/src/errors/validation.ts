import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './app.exception.js';
import { AppException } from './app.exception.js';

/** Flattens class-validator's tree into one `{ field: 'ranges.ch4_lel', message }` entry per field. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const messages = Object.values(e.constraints ?? {});
    if (messages.length > 0) out.push({ field, message: messages.join('; ') });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

/**
 * The global pipe: unknown properties are refused rather than silently dropped (a misspelt field should
 * not be a silent no-op), and query strings are converted to the DTO's types. Failures are 400 problems
 * listing every bad field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flattenValidationErrors(errors);
      return new AppException('VALIDATION_FAILED', `${fieldErrors.length} invalid field(s)`, {
        errors: fieldErrors,
      });
    },
  });
}
