/** The `code` of a Node file-system error (ENOENT, EACCES, ...), or undefined. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined
}
