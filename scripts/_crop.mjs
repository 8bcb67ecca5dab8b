import fs from "node:fs";
import { PNG } from "pngjs";

const [src, out, y0, h] = process.argv.slice(2);
const png = PNG.sync.read(fs.readFileSync(src));
const H = Math.min(Number(h), png.height - Number(y0));
const dst = new PNG({ width: png.width, height: H });
PNG.bitblt(png, dst, 0, Number(y0), png.width, H, 0, 0);
fs.writeFileSync(out, PNG.sync.write(dst));
