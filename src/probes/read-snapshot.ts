/** Reads a saved facts snapshot (`hygiene facts --output FILE`) for `hygiene check --facts FILE`. */
import { readFile } from 'node:fs/promises'
import { HygieneError } from '../core/errors.js'
import { errorCode } from '../core/fs-errors.js'
import { fieldIssues, formatFieldPath } from '../core/yaml-file.js'
import { probeById } from './registry.js'
import { FactsSnapshotSchema, type FactsSnapshot } from './snapshot.js'

/** Snapshots are small; a file far larger than any real one is refused before it is parsed. */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024

export async function readSnapshot(file: string): Promise<FactsSnapshot> {
  let text: string
  try {
    const buffer = await readFile(file)
    if (buffer.length > MAX_SNAPSHOT_BYTES) throw new HygieneError('facts.tooLarge', { file })
    text = buffer.toString('utf8')
  } catch (error) {
    if (error instanceof HygieneError) throw error
    throw new HygieneError(errorCode(error) === 'ENOENT' ? 'file.notFound' : 'file.unreadable', { file, kind: 'facts' })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new HygieneError('facts.notJson', { file, detail: error instanceof Error ? error.message : String(error) })
  }
  const parsed = FactsSnapshotSchema.safeParse(data)
  if (!parsed.success) throw invalid(file, fieldIssues(parsed.error.issues)[0]!)
  for (const [id, outcome] of Object.entries(parsed.data.probes)) {
    const probe = probeById(id)
    if (!probe) throw new HygieneError('facts.unknownProbe', { file, probe: id })
    if (outcome.status !== 'ok') continue
    const facts = probe.schema.safeParse(outcome.facts)
    if (!facts.success) {
      const issue = fieldIssues(facts.error.issues)[0]!
      throw invalid(file, { path: ['probes', id, 'facts', ...issue.path], message: issue.message })
    }
    outcome.facts = facts.data
  }
  return parsed.data
}

function invalid(file: string, issue: { path: Array<string | number>; message: string }): HygieneError {
  return new HygieneError('facts.invalid', { file, field: formatFieldPath(issue.path) || '-', detail: issue.message })
}
