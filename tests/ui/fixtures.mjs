// Data the browser tests make: valid (and deliberately broken) ID numbers
// and a ledger file with known problems, one per row.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

// An 18-character ID number for AREA6 BIRTH8 SEQ3 (GB 11643 check character).
export function idnum(area6, birth8, seq3) {
  const d = `${area6}${birth8}${seq3}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(d[i]) * w[i]
  return d + '10X98765432'[sum % 11]
}

// A wrong check character for the same 17 digits.
export function badCheck(id) {
  return id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
}

// A ledger with one good row and four with problems; returns the path and
// what the problems must be: [row, column] as a spreadsheet numbers them.
export function importWithErrors(dir) {
  const rows = [
    ['姓名', '公民身份号码', '居住村(社区)代码', '儿童类别', '类别起始日期', '监护人姓名', '监护人电话'],
    ['导入甲', idnum('441900', '20150301', '801'), '441900003001', '农村留守儿童', '2022-01-01', '甲父', '13800000001'],
    ['导入乙', badCheck(idnum('441900', '20140402', '802')), '441900003001', '', '', '乙母', '13800000002'],
    ['导入丙', idnum('441900', '20130503', '803'), '441900004003', '', '', '丙父', '13800000003'],
    ['', idnum('441900', '20120604', '804'), '441900003001', '', '', '丁父', '13800000004'],
    ['导入戊', idnum('441900', '20110705', '805'), '441900003001', '孤儿', '2020-01-01', '戊父', '13800000005'],
  ]
  const path = join(dir, '台账_有错误.csv')
  writeFileSync(path, '\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n')
  return { path, badRows: [3, 4, 5, 6], rows: rows.length - 1 }
}
