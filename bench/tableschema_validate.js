// The Frictionless JS baseline of bench/run: validate a CSV against a Table
// Schema with the `tableschema` library (version pinned in package.json),
// casting every row and checking the schema's constraints and primary key.
//
//   NODE_PATH=bench/work/node_modules node bench/tableschema_validate.js \
//       FILE.csv SCHEMA.json
//
// Prints "ROWS rows, ERRORS errors"; exit 0 when valid, 1 when not, 2 when
// the library cannot load the schema or the file.
'use strict'
const { Table } = require('tableschema')

async function main(argv) {
  if (argv.length !== 2) {
    process.stderr.write('usage: tableschema_validate.js FILE.csv SCHEMA.json\n')
    return 2
  }
  let table
  try {
    table = await Table.load(argv[0], { schema: argv[1] })
  } catch (e) {
    process.stderr.write(`tableschema_validate: ${e.message}\n`)
    return 2
  }
  let rows = 0
  let errors = 0
  let first = null
  const stream = await table.iter({ stream: true, forceCast: true })
  await new Promise((resolve, reject) => {
    stream.on('data', (row) => {
      rows++
      if (row instanceof Error) {
        errors++
        if (first === null) first = row
      }
    })
    stream.on('end', resolve)
    stream.on('error', reject)
  })
  process.stdout.write(`${rows} rows, ${errors} errors\n`)
  if (first !== null) {
    const detail = first.errors ? first.errors.map((e) => e.message).join('; ') : ''
    process.stderr.write(`tableschema_validate: first error: ${first.message} ${detail}\n`)
  }
  return errors > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (rc) => { process.exitCode = rc },
  (e) => { process.stderr.write(`tableschema_validate: ${e.stack || e}\n`); process.exitCode = 2 })
