/** Risk reasons from file names: Vietnamese and English names, extension families, platforms, name tricks. */
import { describe, expect, it } from 'vitest'
import type { Platform } from '../../../src/core/platform.js'
import { classifyName, type NameReason } from '../../../src/probes/downloads/classify.js'

type Case = [name: string, platform: Platform, reasons: NameReason[]]

describe('classifyName', () => {
  it.each<Case>([
    // what scammers send through Zalo, Telegram and e-mail
    ['Hóa đơn tháng 11.pdf.exe', 'windows', ['executable', 'double-extension']],
    ['hoa-don.pdf.exe', 'linux', ['executable', 'double-extension']],
    ['Hoa don.pdf          .exe', 'windows', ['executable', 'double-extension']],
    ['Hoa_don.PDF____.exe', 'windows', ['executable', 'double-extension']],
    ['Bang luong T11.xlsx.scr', 'windows', ['executable', 'double-extension']],
    ['anh the.jpg.lnk', 'windows', ['shortcut', 'double-extension']],
    ['Giấy mời họp.docx\u200B.js', 'linux', ['script', 'double-extension']],
    ['photo_\u202Egpj.exe', 'windows', ['executable', 'bidi-override']],
    ['VNeID.apk', 'linux', ['android-package']],
    ['DichVuCong.APK', 'windows', ['android-package']],
    ['VNeID_moi.xapk', 'macos', ['android-package']],
    ['UltraViewer_setup.EXE', 'linux', ['executable']],
    ['AnyDesk.exe', 'macos', ['executable']],
    ['setup-1.2.3.exe', 'windows', ['executable']],
    ['bao-cao.docm', 'linux', ['office-macro']],
    ['Bảng chấm công.xlsm', 'windows', ['office-macro']],
    ['addin.XLL', 'windows', ['office-macro']],
    ['ghi-chep.one', 'windows', ['office-macro']],
    ['huong-dan.chm', 'windows', ['script']],
    ['cap-nhat.ps1', 'windows', ['script']],
    ['thong-bao.vbs', 'linux', ['script']],
    ['CaiDat.msi', 'linux', ['installer']],
    ['ho-so.iso', 'windows', ['disk-image']],
    ['Cổng dịch vụ công.url', 'windows', ['shortcut']],
    // platform-only formats
    ['cai-dat.sh', 'linux', ['executable']],
    ['cai-dat.sh', 'macos', ['executable']],
    ['cai-dat.sh', 'windows', []],
    ['Zalo.AppImage', 'linux', ['executable']],
    ['Zalo.AppImage', 'windows', []],
    ['zalo.desktop', 'linux', ['executable']],
    ['phan-mem.run', 'linux', ['executable']],
    ['goi.deb', 'linux', ['installer']],
    ['goi.rpm', 'windows', []],
    ['Installer.pkg', 'macos', ['installer']],
    ['Installer.pkg', 'linux', []],
    ['mo-ngay.command', 'macos', ['script']],
    ['mo-ngay.command', 'linux', []],
    // plain documents are not risky by themselves
    ['ghi chú.txt', 'linux', []],
    ['Hóa đơn tháng 11.pdf', 'windows', []],
    ['bao-cao.docx', 'windows', []],
    ['anh.jpg', 'linux', []],
    ['tai-lieu.zip', 'windows', []],
    ['archive.tar.gz', 'linux', []],
    ['README', 'linux', []],
    // a leading dot starts a hidden name, not an extension
    ['.exe', 'windows', []],
    ['.bashrc', 'linux', []],
    // bidi controls are flagged on any name
    ['hop-dong\u202Excod.pdf', 'windows', ['bidi-override']],
    ['\u200Fbao-gia.pdf', 'linux', ['bidi-override']],
    ['bao-gia\u2066.pdf', 'linux', ['bidi-override']],
  ])('%j on %s → %j', (name, platform, reasons) => {
    expect(classifyName(name, platform)).toEqual(reasons)
  })

  it('compares NFC forms: a decomposed (macOS) name classifies like the composed one', () => {
    const composed = 'Hóa đơn tháng 11.pdf.exe'
    const decomposed = composed.normalize('NFD')
    expect(decomposed).not.toBe(composed)
    expect(classifyName(decomposed, 'macos')).toEqual(['executable', 'double-extension'])
  })

  it('folds case beyond ASCII: a KELVIN SIGN in `.ap\u212A` reads as apk', () => {
    expect(classifyName('VNeID.ap\u212A', 'linux')).toEqual(['android-package'])
  })
})
