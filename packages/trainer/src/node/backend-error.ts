// The requested TF.js backend cannot start. Its own module so error reporting does not load TF.js.
export class BackendError extends Error {
  override readonly name = 'BackendError';
}
