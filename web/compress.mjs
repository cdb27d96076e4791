// After `vite build`: writes NAME.gz beside each text file of the build that
// gzip makes smaller, so the server can send browsers a third of the bytes.
// Usage: node web/compress.mjs build/web
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (/\.(js|css|html|svg|json)$/.test(name)) {
      const data = readFileSync(path)
      const gz = gzipSync(data, { level: 9 })
      if (data.length > 1024 && gz.length < data.length * 0.9) writeFileSync(path + '.gz', gz)
    }
  }
}
walk(process.argv[2] || 'build/web')
