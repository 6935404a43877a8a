/**
 * Fills `{{name}}` and `{{name.length}}` in rule messages. A list shows the names of its first
 * items ("an, binh (+3)"); a missing value shows as "?" so a broken message is visible.
 */
import { readPath } from './condition.js'

const LISTED_ITEMS = 5

export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_whole, path: string) => display(readPath(vars, path)))
}

function display(value: unknown): string {
  if (value === null || value === undefined) return '?'
  if (Array.isArray(value)) {
    const names = value.slice(0, LISTED_ITEMS).map(itemName)
    return value.length > LISTED_ITEMS ? `${names.join(', ')} (+${value.length - LISTED_ITEMS})` : names.join(', ')
  }
  return typeof value === 'object' ? itemName(value) : String(value)
}

function itemName(item: unknown): string {
  if (item !== null && typeof item === 'object') {
    const record = item as Record<string, unknown>
    for (const key of ['name', 'path', 'id', 'location', 'tool', 'browser']) {
      if (typeof record[key] === 'string') return record[key]
    }
    return JSON.stringify(item)
  }
  return String(item)
}
