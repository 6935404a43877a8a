import type { en } from './en.js'

/** Vietnamese messages: the same keys as en.ts. */
export const vi: Record<keyof typeof en, string> = {
  'error.internal': 'Lỗi nội bộ: {message}. Đây là lỗi của chương trình hygiene; vui lòng báo lại kèm câu lệnh bạn đã chạy.',
}
