/** The units table as files to keep or send on: CSV (UTF-8 with BOM, see units-format.ts) and XLSX. */
import type { FastifyReply } from 'fastify'
import writeXlsxFile, { type Row } from 'write-excel-file/node'
import type { Lang } from '../../i18n/index.js'
import type { UnitRow } from '../store/unit-table.js'
import { sayIn } from './layout.js'
import { COLUMNS, failedRulesText } from './units-page.js'

export interface DownloadFile {
  type: string
  extension: string
}

export const CSV_FILE: DownloadFile = { type: 'text/csv; charset=utf-8', extension: 'csv' }
export const XLSX_FILE: DownloadFile = {
  type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
}

/**
 * One sheet with a bold header in the reader's language. Every text is written as a string cell, never
 * as a formula, so a unit named "=HYPERLINK(...)" stays text (no formula injection).
 */
export async function unitsXlsx(rows: readonly UnitRow[], lang: Lang): Promise<Buffer> {
  const say = sayIn(lang)
  const header: Row = COLUMNS.map((column) => ({ value: say(column.label), fontWeight: 'bold' }))
  const body: Row[] = rows.map((row) => [
    { value: row.code, type: String },
    { value: row.name, type: String },
    row.score === null ? null : { value: row.score, type: Number },
    { value: row.devices, type: Number },
    { value: row.reporting7d, type: Number },
    { value: row.stale, type: Number },
    { value: row.criticalFailures, type: Number },
    { value: failedRulesText(row), type: String },
  ])
  return writeXlsxFile([header, ...body], {
    sheet: say('dash.export.sheet'),
    stickyRowsCount: 1,
    columns: [12, 36, 8, 8, 14, 14, 14, 48].map((width) => ({ width })),
  }).toBuffer()
}

/** A download, named after the day it was taken, so files kept for the record do not overwrite each other. */
export function sendDownload(reply: FastifyReply, file: DownloadFile, now: Date, body: string | Buffer, what = 'units'): FastifyReply {
  const name = `hygiene-${what}-${now.toISOString().slice(0, 10)}.${file.extension}`
  return reply.type(file.type).header('content-disposition', `attachment; filename="${name}"`).send(body)
}
