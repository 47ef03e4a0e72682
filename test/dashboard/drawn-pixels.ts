import type { Frame, Page } from 'playwright-core';

/** How much of each chart's canvas is drawn in colour, by chart card id. */
export type DrawnCharts = Record<string, { width: number; height: number; coloured: number }>;

/**
 * Reads every chart card's canvas and counts its coloured pixels: those whose
 * red, green and blue differ by more than 40. The white background, grey axes
 * and black text do not count; bars, lines and pie slices (the palette's
 * colours) do. A chart whose box was 0 px wide when it was drawn has a 0 px
 * canvas or none at all.
 */
export async function drawnCharts(target: Page | Frame): Promise<DrawnCharts> {
  return target.$$eval('.chart-card', (cards) => Object.fromEntries(cards.map((card) => {
    const canvas = card.querySelector('canvas');
    if (!canvas || canvas.width === 0 || canvas.height === 0) return [card.id, { width: canvas?.width ?? 0, height: canvas?.height ?? 0, coloured: 0 }];
    const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
    let coloured = 0;
    for (let index = 0; index < pixels.length; index += 4) {
      const [red, green, blue, alpha] = [pixels[index]!, pixels[index + 1]!, pixels[index + 2]!, pixels[index + 3]!];
      if (alpha > 0 && Math.max(red, green, blue) - Math.min(red, green, blue) > 40) coloured += 1;
    }
    return [card.id, { width: canvas.width, height: canvas.height, coloured }];
  })));
}
