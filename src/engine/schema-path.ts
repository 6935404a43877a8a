/** Looks inside zod object schemas along a dotted path, so rule packs are checked against the facts probes really produce. */
import { z } from 'zod'

/** The schema found at `path` below `schema`, with nullable/optional/default wrappers removed; null when no such field. */
export function schemaAtPath(schema: z.ZodType, path: string): z.ZodType | null {
  let current: z.ZodType = unwrap(schema)
  for (const segment of path.split('.')) {
    if (current instanceof z.ZodArray && segment === 'length') current = z.number()
    else if (current instanceof z.ZodObject && Object.hasOwn(current.shape, segment)) {
      current = unwrap(current.shape[segment] as z.ZodType)
    } else return null
  }
  return current
}

export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema
  while (current instanceof z.ZodNullable || current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
    current = current.unwrap() as z.ZodType
  }
  return current
}

/** The element schema of a list, or null when `schema` is not a list. */
export function elementOf(schema: z.ZodType): z.ZodType | null {
  const list = unwrap(schema)
  return list instanceof z.ZodArray ? (list.element as z.ZodType) : null
}

/** The field names of an object schema, for "did you mean" messages. */
export function fieldNames(schema: z.ZodType): string[] {
  const object = unwrap(schema)
  return object instanceof z.ZodObject ? Object.keys(object.shape) : []
}
