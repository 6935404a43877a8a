/** English messages. Keys are `area.name`; `{name}` marks a value filled in at run time. */
export const en = {
  'error.internal': 'Internal error: {message}. This is a bug in hygiene; please report it with the command you ran.',
} as const
