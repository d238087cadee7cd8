/** Epochs are whole: the epoch axes put their ticks 1, 2, 5, 10, … apart, never 1.5. */
export const EPOCH_TICKS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
