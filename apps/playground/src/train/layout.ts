/** The live charts' plot height: the Train view keeps their place from the start, before uPlot loads. */
export const LIVE_CHART_HEIGHT = 150;
