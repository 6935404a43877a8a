/** Reads a saved JSON report (`hygiene upload FILE`, `hygiene scores FILE...`), checked against the contract. */
import { readFile } from 'node:fs/promises'
import { HygieneError } from '../core/errors.js'
import { errorCode } from '../core/fs-errors.js'
import { fieldIssues, formatFieldPath } from '../core/yaml-file.js'
import { ReportSchema, type Report } from './schema.js'

export async function readReportFile(file: string): Promise<Report> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new HygieneError(errorCode(error) === 'ENOENT' ? 'file.notFound' : 'file.unreadable', { file, kind: 'report' })
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new HygieneError('scores.notJson', { file, detail: error instanceof Error ? error.message : String(error) })
  }
  const parsed = ReportSchema.safeParse(data)
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error.issues)[0]!
    throw new HygieneError('scores.invalid', { file, field: formatFieldPath(issue.path) || '-', detail: issue.message })
  }
  return parsed.data
}
