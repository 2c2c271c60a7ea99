// After `vite build`: write name.br and name.gz next to every compressible file of dist/, at the
// highest levels (done once per build, served by the API as they are: api/static.py).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const DIST = new URL("../dist/", import.meta.url).pathname;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|ico|webmanifest)$/;
const MIN_BYTES = 512; // smaller files gain nothing worth a header

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!name.startsWith(".")) yield* files(path);
    } else if (COMPRESSIBLE.test(name)) yield path;
  }
}

let count = 0;
for (const path of files(DIST)) {
  const data = readFileSync(path);
  if (data.length < MIN_BYTES) continue;
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  writeFileSync(
    `${path}.br`,
    brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  );
  count += 1;
}
console.log(`compress: ${count} files in dist/ as .br and .gz`);
