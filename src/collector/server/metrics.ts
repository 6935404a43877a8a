/** Counters for GET /metrics, in the Prometheus text exposition format (version 0.0.4). */
export class Metrics {
  reports = { stored: 0, duplicate: 0 }
  enrollments = 0
  private readonly responses = new Map<string, number>()

  countResponse(route: string, status: number): void {
    const key = `${route}\u0000${status}`
    this.responses.set(key, (this.responses.get(key) ?? 0) + 1)
  }

  render(): string {
    const lines = [
      '# HELP hygiene_reports_total Reports received, by outcome.',
      '# TYPE hygiene_reports_total counter',
      `hygiene_reports_total{outcome="stored"} ${this.reports.stored}`,
      `hygiene_reports_total{outcome="duplicate"} ${this.reports.duplicate}`,
      '# HELP hygiene_enrollments_total Devices enrolled.',
      '# TYPE hygiene_enrollments_total counter',
      `hygiene_enrollments_total ${this.enrollments}`,
      '# HELP hygiene_http_responses_total HTTP responses, by route and status.',
      '# TYPE hygiene_http_responses_total counter',
    ]
    for (const [key, count] of this.responses) {
      const [route, status] = key.split('\u0000')
      lines.push(`hygiene_http_responses_total{route="${escapeLabel(route!)}",status="${status}"} ${count}`)
    }
    return `${lines.join('\n')}\n`
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}
