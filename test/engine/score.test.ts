import { describe, expect, it } from 'vitest'
import { computeScore, gradeFor, type Scorable, type Status } from '../../src/engine/score.js'
import type { Severity } from '../../src/engine/rule-schema.js'

let counter = 0
const r = (status: Status, severity: Severity = 'high', category: Scorable['category'] = 'updates'): Scorable => ({
  id: `area.rule-${counter++}`,
  category,
  severity,
  status,
})

describe('computeScore', () => {
  it('is the weighted share of passed rules', () => {
    // high 6 pass, medium 3 fail, low 1 pass → 7 / 10
    const score = computeScore([r('pass', 'high'), r('fail', 'medium'), r('pass', 'low')])
    expect(score.value).toBe(70)
    expect(score.grade).toBe('C')
    expect(score.version).toBe(1)
  })

  it('counts a warning as half a pass', () => {
    expect(computeScore([r('warn', 'high'), r('pass', 'high')]).value).toBe(75)
  })

  it('leaves not applicable and skipped rules out', () => {
    expect(computeScore([r('pass'), r('not_applicable', 'critical'), r('skipped', 'critical')]).value).toBe(100)
  })

  it('caps the score at 50 when a critical rule fails, however many pass', () => {
    const many = Array.from({ length: 40 }, () => r('pass', 'high'))
    const score = computeScore([...many, r('fail', 'critical')])
    expect(score.value).toBe(50)
    expect(score.grade).toBe('D')
    expect(score.cappedBy).toHaveLength(1)
  })

  it('keeps errors out of the value but lowers coverage and the grade', () => {
    const score = computeScore([r('pass', 'high'), r('error', 'high'), r('error', 'high')])
    expect(score.value).toBe(100)
    expect(score.coverage.ratio).toBe(0.33)
    expect(score.grade).toBe('D')
    expect(score.coverage.counts.error).toBe(2)
    expect(computeScore([r('pass', 'high'), r('pass', 'high'), r('pass', 'high'), r('error', 'high')]).grade).toBe('C')
  })

  it('gives 0 and F when nothing could be checked', () => {
    const score = computeScore([r('error'), r('error')])
    expect(score.value).toBe(0)
    expect(score.grade).toBe('F')
    expect(score.coverage.ratio).toBe(0)
  })

  it('scores each category on its own', () => {
    const score = computeScore([r('pass', 'high', 'backup'), r('fail', 'high', 'updates'), r('not_applicable', 'high', 'password')])
    expect(score.categories).toEqual([
      { category: 'backup', value: 100, grade: 'A', cappedBy: [] },
      { category: 'updates', value: 0, grade: 'F', cappedBy: [] },
    ])
  })

  it.each([
    [100, 'A'],
    [90, 'A'],
    [89, 'B'],
    [80, 'B'],
    [79, 'C'],
    [65, 'C'],
    [64, 'D'],
    [50, 'D'],
    [49, 'F'],
    [0, 'F'],
  ])('grade of %i is %s', (value, grade) => {
    expect(gradeFor(value)).toBe(grade)
  })
})
