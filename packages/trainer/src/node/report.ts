// The SVG report is drawn by vega and vega-lite, optional dependencies (they are large): loaded only when a report
// is asked for, with one clear line when they are not installed.
import type { Weights } from '@lstm-adder/core';

export class ReportUnavailable extends Error {
  override readonly name = 'ReportUnavailable';
}

type Render = (weights: Weights) => Promise<string>;

/** The report's renderer; `load` is the import (a test passes a failing one). */
export async function loadReport(
  load: () => Promise<{ renderReport: Render }> = () => import('../report/svg.js'),
): Promise<Render> {
  try {
    return (await load()).renderReport;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && /['"]vega(-lite)?['"]/.test(message))
      throw new ReportUnavailable(
        'a report needs the optional packages vega and vega-lite, which are not installed (npm install vega vega-lite)',
      );
    throw error;
  }
}
