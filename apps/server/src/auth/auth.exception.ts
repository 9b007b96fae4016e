import { AppException } from '../errors/app.exception.js';

export type AuthErrorCode = 'UNAUTHENTICATED' | 'ROLE_FORBIDDEN' | 'TOKEN_NOT_FOUND' | 'TOKEN_SCOPE_INVALID';

export class AuthException extends AppException<AuthErrorCode> {}
