/** Data tables shipped in rules/data and read by evaluators: OS end of support, current software releases. */
import path from 'node:path'
import { z } from 'zod'
import { HygieneError } from '../core/errors.js'
import { PLATFORMS } from '../core/platform.js'
import { fieldIssues, formatFieldPath, lineOf, readYamlFile } from '../core/yaml-file.js'

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const EDITION_CLASSES = ['consumer', 'business', 'ltsc'] as const

export const SupportEntrySchema = z.strictObject({
  platform: z.enum(PLATFORMS),
  /** Linux: os-release ID (debian, ubuntu, fedora). */
  id: z.string().optional(),
  /** Linux: VERSION_ID; macOS: major version. */
  version: z.string().optional(),
  /** Windows: build number. */
  build: z.string().optional(),
  /** Windows: which editions the dates apply to. */
  editions: z.array(z.enum(EDITION_CLASSES)).optional(),
  name: z.string(),
  /** Last day of regular (free) security updates. */
  ends: IsoDate,
  /** Extended support after `ends` (Debian LTS, Ubuntu ESM, Windows ESU), with its kind. */
  extended: z.strictObject({ ends: IsoDate, kind: z.enum(['lts', 'esm', 'esu']) }).optional(),
})
export type SupportEntry = z.infer<typeof SupportEntrySchema>

export const EndOfLifeTableSchema = z.strictObject({
  /** When the dates were last checked against their sources. */
  checked: IsoDate,
  releases: z.array(SupportEntrySchema),
})
export type EndOfLifeTable = z.infer<typeof EndOfLifeTableSchema>

const DateTable = z.record(z.string(), IsoDate)

export const SoftwareTableSchema = z.strictObject({
  recorded: IsoDate,
  browsers: z.strictObject({
    cadenceDays: z.number().int().positive(),
    current: z.record(z.string(), z.number().int().positive()),
    esr: z.record(z.string(), z.array(z.number().int().positive())),
  }),
  office: z.strictObject({ microsoft: DateTable, libreoffice: DateTable }),
})
export type SoftwareTable = z.infer<typeof SoftwareTableSchema>

export interface EngineData {
  endOfLife: EndOfLifeTable
  software: SoftwareTable
}

export async function loadEngineData(rulesDir: string): Promise<EngineData> {
  return {
    endOfLife: await loadTable(path.join(rulesDir, 'data', 'end-of-life.yaml'), EndOfLifeTableSchema),
    software: await loadTable(path.join(rulesDir, 'data', 'software.yaml'), SoftwareTableSchema),
  }
}

async function loadTable<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const source = await readYamlFile(file, 'pack')
  const parsed = schema.safeParse(source.data)
  if (!parsed.success) {
    const issue = fieldIssues(parsed.error.issues)[0]!
    throw new HygieneError('data.invalid', {
      file,
      field: formatFieldPath(issue.path),
      line: lineOf(source, issue.path) ?? '?',
      detail: issue.message,
    })
  }
  return parsed.data
}
