// The ceiling for bench/collector.mjs: a bare node:http server that only reads and parses each body and answers 202.
import { createServer } from 'node:http'

const port = Number(process.argv[2])
createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}
    response.writeHead(202, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify({ reportId: body.reportId ?? null, status: 'stored' }))
  })
}).listen(port, '127.0.0.1', () => console.error(`bare server listening on 127.0.0.1:${port}`))
