/** Advisories and incidents as the collector's tests write them. */
import { randomUUID } from 'node:crypto'
import type { Incident } from '../../src/channel/schema.js'
import type { AdvisoryInput } from '../../src/collector/store/advisories.js'

export const advisoryInput = (overrides: Partial<AdvisoryInput> = {}): AdvisoryInput => ({
  titleVi: 'Cảnh giác cuộc gọi giả danh công an',
  titleEn: null,
  bodyVi: 'Công an không bao giờ yêu cầu chuyển tiền qua điện thoại.',
  bodyEn: null,
  severity: 'warning',
  units: null,
  startsAt: '2026-11-28T00:00:00Z',
  expiresAt: '2026-12-31T00:00:00Z',
  ...overrides,
})

export const incidentBody = (overrides: Partial<Incident> = {}): Incident => ({
  incidentId: randomUUID(),
  kind: 'scam-call',
  occurredAt: null,
  description: 'Có người gọi tự xưng công an, yêu cầu cài ứng dụng VNeID giả.',
  moneyGiven: false,
  phone: null,
  reportedAt: '2026-11-29T07:45:00Z',
  lang: 'vi',
  agent: { version: '0.1.0' },
  ...overrides,
})
