/** Errors of the local proxy, with stable codes (match on `code`, never on the message). */
import { LbkitError } from '../../lib/spec/errors';

/** A start option is wrong; `option` names it, such as `bindings.web[1]`. */
export class LocalOptionsError extends LbkitError {
  constructor(readonly option: string, message: string) {
    super('LBKIT_LOCAL_OPTIONS', `${option}: ${message}`);
  }
}

/** A frontend or the admin server could not listen (port in use, permission denied). */
export class LocalListenError extends LbkitError {
  constructor(readonly listener: string, readonly address: string, cause: Error) {
    super('LBKIT_LOCAL_LISTEN', `cannot listen for '${listener}' on ${address}: ${(cause as NodeJS.ErrnoException).code ?? cause.message}`);
  }
}

/** A pool or member named in a call does not exist. */
export class LocalLookupError extends LbkitError {
  constructor(message: string) {
    super('LBKIT_LOCAL_UNKNOWN', message);
  }
}
