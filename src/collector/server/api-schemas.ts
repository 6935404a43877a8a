/** Request bodies of the collector API, validated with zod at the boundary. */
import { z } from 'zod'
import { PLATFORMS } from '../../core/platform.js'

export const EnrollRequestSchema = z.strictObject({
  code: z.string().min(4).max(64),
  device: z.strictObject({
    /** The agent's device id: a hash of the machine id. */
    id: z.string().regex(/^[0-9a-f]{32}$/),
    hostname: z.string().min(1).max(255),
    os: z.strictObject({ platform: z.enum(PLATFORMS), name: z.string().min(1).max(255) }),
  }),
})
export type EnrollRequest = z.infer<typeof EnrollRequestSchema>
