import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/*
 * Draws the app's two Teams icons: two speech bubbles (leader and employee) meeting around a circle
 * (the shared core task, "kerneopgaven"). Shapes are described in a 0..1 square and rasterised with
 * 8×8 supersampling, so the same drawing gives a 192×192 colour icon and a 32×32 outline icon.
 * Run: npx tsx scripts/draw-icons.ts (writes appPackage/color.png and appPackage/outline.png).
 */

type Rgb = readonly [number, number, number];
/** A shape answers "is this point inside?" for a point in the unit square. */
type Shape = (x: number, y: number) => boolean;
/** A layer paints a colour, or with `clear` cuts the shape out to transparent. */
type Layer = { shape: Shape; paint: Rgb | 'clear' };

const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const dx = Math.max(x0 + r - x, 0, x - (x1 - r));
    const dy = Math.max(y0 + r - y, 0, y - (y1 - r));
    return dx * dx + dy * dy <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const triangle = (a: [number, number], b: [number, number], c: [number, number]): Shape => {
  const side = (p: [number, number], q: [number, number], x: number, y: number): number =>
    (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  return (x, y) => {
    const s1 = side(a, b, x, y);
    const s2 = side(b, c, x, y);
    const s3 = side(c, a, x, y);
    return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  };
};

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** The employee's bubble, upper left, tail down to the left. */
const leftBubble = union(
  roundedRect(0.12, 0.2, 0.6, 0.54, 0.09),
  triangle([0.2, 0.5], [0.32, 0.5], [0.14, 0.66]),
);
/** The leader's bubble, lower right, tail down to the right. */
const rightBubble = union(
  roundedRect(0.4, 0.46, 0.88, 0.8, 0.09),
  triangle([0.68, 0.76], [0.8, 0.76], [0.86, 0.92]),
);
/** Where the two conversations meet: the core task. */
const centre = { x: 0.5, y: 0.5 };

const BACKGROUND: Rgb = [0x1f, 0x5f, 0x7a];
const EMPLOYEE: Rgb = [0xff, 0xff, 0xff];
const LEADER: Rgb = [0xbf, 0xe3, 0xec];
const CORE_TASK: Rgb = [0xf2, 0xb1, 0x34];
const WHITE: Rgb = [0xff, 0xff, 0xff];

const colourLayers: Layer[] = [
  { shape: roundedRect(0, 0, 1, 1, 0), paint: BACKGROUND },
  { shape: leftBubble, paint: EMPLOYEE },
  { shape: rightBubble, paint: LEADER },
  { shape: circle(centre.x, centre.y, 0.19), paint: BACKGROUND },
  { shape: circle(centre.x, centre.y, 0.14), paint: CORE_TASK },
];

/* The outline icon is one colour: the gaps between the shapes carry the drawing. */
const outlineLayers: Layer[] = [
  { shape: leftBubble, paint: WHITE },
  { shape: rightBubble, paint: WHITE },
  { shape: circle(centre.x, centre.y, 0.22), paint: 'clear' },
  { shape: circle(centre.x, centre.y, 0.14), paint: WHITE },
];

/** Renders the layers into a size×size RGBA PNG, anti-aliased by supersampling. */
export function renderIcon(layers: Layer[], size: number, samples = 8): PNG {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgb | undefined;
          for (const layer of layers) {
            if (!layer.shape(x, y)) continue;
            colour = layer.paint === 'clear' ? undefined : layer.paint;
          }
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      // Colour is averaged over covered samples only, so edges fade in alpha, not towards black.
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((255 * a) / (samples * samples));
    }
  }
  return png;
}

/** Writes color.png (192×192) and outline.png (32×32) into the given folder. */
export function drawIcons(outDir: string): void {
  writeFileSync(join(outDir, 'color.png'), PNG.sync.write(renderIcon(colourLayers, 192)));
  writeFileSync(join(outDir, 'outline.png'), PNG.sync.write(renderIcon(outlineLayers, 32)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  drawIcons(join(dirname(fileURLToPath(import.meta.url)), '..', 'appPackage'));
}
