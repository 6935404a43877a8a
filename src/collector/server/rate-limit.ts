/**
 * Fixed-window request limits kept in memory, per key (a device, an IP). Each collector process
 * counts for itself; behind a load balancer the limit is per process, which is enough to stop one
 * PC or one address from flooding the ward's collector.
 */
/** Reports a minute per PC, requests a minute per address (`collector serve --rate-limit-*`). */
export const DEFAULT_LIMITS = { perDevicePerMinute: 30, perIpPerMinute: 600 }

export interface RateLimit {
  /** True when the request may go on; false when the key is over its limit for this window. */
  allow(key: string, nowMs: number): boolean
  /** Seconds until the key's window resets, for Retry-After. */
  retryAfter(key: string, nowMs: number): number
}

export function fixedWindowLimit(limit: number, windowMs: number): RateLimit {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    allow(key, nowMs) {
      let window = windows.get(key)
      if (!window || nowMs - window.start >= windowMs) {
        // Forget finished windows now and then, so the map cannot grow with every address ever seen.
        if (windows.size > 10_000) for (const [k, w] of windows) if (nowMs - w.start >= windowMs) windows.delete(k)
        window = { start: nowMs, count: 0 }
        windows.set(key, window)
      }
      window.count++
      return window.count <= limit
    },
    retryAfter(key, nowMs) {
      const window = windows.get(key)
      return window ? Math.max(1, Math.ceil((window.start + windowMs - nowMs) / 1000)) : 1
    },
  }
}
