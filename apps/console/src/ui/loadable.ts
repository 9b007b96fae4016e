/** Data the console fetches: loading, ready with a value, or failed with a message to show. */
export type Loadable<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };
